// clock.cpp: the real clocks of clock.hpp.
#include "app/clock.hpp"

#include <chrono>

namespace rt::app {

domain::millis wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

domain::millis steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace rt::app
