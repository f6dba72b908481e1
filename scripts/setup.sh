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

# ensure_packages [--browser]: the compilers, libraries and tools the build and tests need.
ensure_packages() {
  local want=(g++ cmake ninja-build ccache pkg-config libsqlite3-dev sqlite3 nlohmann-json3-dev
              libspdlog-dev libcli11-dev catch2 libssl-dev libcsv-dev libcmark-dev libzip-dev
              ca-certificates)
  [ "${1:-}" = "--browser" ] && want+=(chromium fonts-dejavu-core clang)
  command -v node >/dev/null || want+=(nodejs)
  command -v npm >/dev/null || want+=(npm)
  local missing=()
  for p in "${want[@]}"; do
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

# build_clang: the same sources built with clang as well (BUILD_DIR-clang), so that the code
# stays portable between the two compilers; its own ccache entries.
build_clang() {
  local dir="${BUILD_DIR}-clang"
  if [ ! -f "$dir/build.ninja" ]; then
    say "configuring $dir (clang)"
    CC=clang CXX=clang++ cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  say "building with clang"
  cmake --build "$dir" -j "$(nproc)"
}

build_web() {
  npm_ci "$ROOT/web"
  say "building the web app"
  (cd "$ROOT/web" && npm run --silent build)
}
