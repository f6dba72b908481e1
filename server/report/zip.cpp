// zip.cpp: ZIP files written with libzip: the .docx package and the event's archive.
#include <zip.h>

#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "render.hpp"

namespace rt::report {

namespace {

// ---- the ZIP package ----

[[noreturn]] void zip_failed(std::string_view what, zip_error_t* error) {
  throw std::runtime_error("zip: " + std::string(what) + ": " + zip_error_strerror(error));
}

// The time written on every entry: 1 January 1980, 00:00 local time. ZIP stores local time,
// and libzip converts with localtime(), so a time made by mktime() from that local date
// comes back as the same date in any time zone: the bytes do not depend on where they are made.
std::time_t fixed_entry_time() {
  std::tm t{};
  t.tm_year = 80;
  t.tm_mday = 1;
  t.tm_isdst = -1;
  return std::mktime(&t);
}

struct source_deleter {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

}  // namespace

std::string zip_package(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_source_t, source_deleter> buffer(
      zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) zip_failed("buffer", &error);
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  if (archive == nullptr) zip_failed("open", &error);
  zip_source_keep(buffer.get());  // the archive frees its reference on close; we read it after

  const std::time_t when = fixed_entry_time();
  for (const auto& [name, data] : parts) {
    // `data` outlives the archive: zip_close() below reads it.
    zip_source_t* part = zip_source_buffer(archive, data.data(), data.size(), 0);
    const zip_int64_t index =
        part == nullptr ? -1 : zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8);
    if (index < 0 || zip_set_file_compression(archive, index, ZIP_CM_DEFLATE, 9) < 0 ||
        zip_file_set_mtime(archive, index, when, 0) < 0) {
      if (part != nullptr && index < 0) zip_source_free(part);
      const std::string why = zip_strerror(archive);
      zip_discard(archive);
      throw std::runtime_error("zip: add " + name + ": " + why);
    }
  }
  if (zip_close(archive) < 0) {
    const std::string why = zip_strerror(archive);
    zip_discard(archive);
    throw std::runtime_error("zip: close: " + why);
  }

  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer.get(), &st) < 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
    zip_failed("size", zip_source_error(buffer.get()));
  }
  if (zip_source_open(buffer.get()) < 0) zip_failed("reopen", zip_source_error(buffer.get()));
  std::string bytes(st.size, '\0');
  const zip_int64_t n = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
    zip_failed("read", zip_source_error(buffer.get()));
  }
  return bytes;
}

}  // namespace rt::report
