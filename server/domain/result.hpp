// result.hpp: the value-or-error type that every domain operation returns.
//
// Expected failures (bad input, a forbidden command) are values, not exceptions. An `error`
// carries a stable machine code (the protocol's error code) and an English message.
// Thread-safety: plain values; no shared state.
#pragma once

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "errors.hpp"

namespace rt::domain {

struct error {
  errc code = errc::bad_value;  // stable; its name is the protocol's code (errors.hpp)
  std::string message;          // English, for logs and developers
};

template <class T>
class [[nodiscard]] result {
 public:
  template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                              !std::is_same_v<std::decay_t<U>, error> &&
                                              !std::is_same_v<std::decay_t<U>, result>>>
  result(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}  // NOLINT: implicit
  result(error e) : v_(std::move(e)) {}  // NOLINT: implicit by design
  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() {
    assert(ok());
    return std::get<T>(v_);
  }
  const T& value() const {
    assert(ok());
    return std::get<T>(v_);
  }
  const error& err() const {
    assert(!ok());
    return std::get<error>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, error> v_;
};

inline error make_error(errc code, std::string message) { return error{code, std::move(message)}; }
// With the code's default message.
inline error make_error(errc code) { return error{code, std::string(info(code).message)}; }

}  // namespace rt::domain
