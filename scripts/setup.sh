# scripts/setup.sh: shared by scripts/run, scripts/test, scripts/bench and scripts/chaos (sourced, not run).
# Installs what is missing on a fresh Debian or Ubuntu machine, then builds.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
# ccache: paths below the checkout count as relative, so every clone shares one cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "roundtable: need root (or sudo) to run: $*" >&2; return 1; fi
}

apt_has() { apt-cache show "$1" >/dev/null 2>&1; }

# The sanitizer and libFuzzer runtimes of the default clang (clang-N): Debian 12 and recent
# Ubuntu ship them as libclang-rt-N-dev (and libclang-rt-dev for the default N); releases
# before that split keep them in libclang-common-N-dev. Whichever the archive has is chosen.
clang_rt_present() {
  local dir
  dir="$(clang --print-runtime-dir 2>/dev/null)" || return 1
  [ -e "$dir/libclang_rt.fuzzer-$(uname -m).a" ] || [ -e "$dir/libclang_rt.fuzzer.a" ]
}
clang_rt_package() {
  local v
  v="$(apt-cache depends clang 2>/dev/null | sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1)"
  if [ -n "$v" ] && apt_has "libclang-rt-$v-dev"; then echo "libclang-rt-$v-dev"
  elif apt_has libclang-rt-dev; then echo libclang-rt-dev
  elif [ -n "$v" ]; then echo "libclang-common-$v-dev"
  else echo libclang-rt-14-dev; fi
}

# ensure_packages [--browser]: the compilers, libraries and tools the build and tests need.
ensure_packages() {
  local want=(g++ cmake ninja-build ccache pkg-config libsqlite3-dev sqlite3 nlohmann-json3-dev
              libspdlog-dev libcli11-dev catch2 libssl-dev libcsv-dev libcmark-dev libzip-dev
              libicu-dev libstemmer-dev
              clang-format python3 ca-certificates)
  [ "${1:-}" = "--browser" ] && want+=(chromium fonts-dejavu-core)
  # clang for the sanitizer build and libFuzzer (build_asan), and its runtime libraries.
  want+=(clang CLANG_RT)
  command -v node >/dev/null || want+=(nodejs)
  command -v npm >/dev/null || want+=(npm)
  local missing=()
  for p in "${want[@]}"; do
    [ "$p" = CLANG_RT ] && { clang_rt_present || missing+=(CLANG_RT); continue; }
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # Boost.Beast: Debian 12 ships 1.81 as libboost1.81-dev; elsewhere the default libboost-dev.
  if ! dpkg-query -W -f='${Status}' libboost1.81-dev 2>/dev/null | grep -q 'install ok installed' &&
     ! dpkg-query -W -f='${Status}' libboost-dev 2>/dev/null | grep -q 'install ok installed'; then
    missing+=(BOOST)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing: ${missing[*]}"
  as_root apt-get update -qq
  local pkgs=()
  for p in "${missing[@]}"; do
    if [ "$p" = BOOST ]; then
      if apt_has libboost1.81-dev; then pkgs+=(libboost1.81-dev); else pkgs+=(libboost-dev); fi
    elif [ "$p" = CLANG_RT ]; then
      pkgs+=("$(clang_rt_package)")
    elif [ "$p" = chromium ] && ! apt_has chromium; then
      pkgs+=(chromium-browser)
    else
      pkgs+=("$p")
    fi
  done
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
}

# npm_ci DIR: installs DIR's locked packages unless they are in place and current.
npm_ci() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# build_server [TARGETS...]: configures once (Release, Ninja, ccache) and builds.
build_server() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    say "configuring $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  say "building the server"
  cmake --build "$BUILD_DIR" -j "$(nproc)" ${1:+--target "$@"}
}

# build_asan [TARGETS...]: the same sources built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (BUILD_DIR-asan: -O1, asserts on), with the libFuzzer harnesses
# of tests/fuzz/. It also keeps the code portable between the two compilers; its own ccache
# entries.
ASAN_DIR="${BUILD_DIR}-asan"
build_asan() {
  if [ ! -f "$ASAN_DIR/build.ninja" ]; then
    say "configuring $ASAN_DIR (clang, ASan + UBSan, libFuzzer)"
    CC=clang CXX=clang++ cmake -S "$ROOT" -B "$ASAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DROUNDTABLE_SANITIZE=ON -DROUNDTABLE_FUZZ=ON >/dev/null
  fi
  say "building with clang and sanitizers"
  cmake --build "$ASAN_DIR" -j "$(nproc)" ${1:+--target "$@"}
}

# sanitizer_env DIR: exports ASAN_OPTIONS and UBSAN_OPTIONS so that a sanitized process stops
# at its first report (exit code 86, or abort) and writes the report to DIR/report.PID as
# well as stderr; no_sanitizer_reports DIR then says whether any process wrote one.
sanitizer_env() {
  local dir="$1"
  mkdir -p "$dir"
  export ASAN_OPTIONS="halt_on_error=1:exitcode=86:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:log_path=$dir/report:log_exe_name=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86:log_path=$dir/report:log_exe_name=1"
}
no_sanitizer_reports() {
  local dir="$1" f found=0
  for f in "$dir"/report*; do
    [ -e "$f" ] || continue
    found=1
    echo "sanitizer report: $f" >&2
    cat "$f" >&2
  done
  [ "$found" -eq 0 ]
}

build_web() {
  npm_ci "$ROOT/web"
  say "building the web app"
  (cd "$ROOT/web" && npm run --silent build)
}
