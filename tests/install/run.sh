#!/usr/bin/env bash
# install: install the build into a fresh prefix, then build tests/install/consumer.c against
# it twice, through pkg-config and through find_package(danvan), and run both.
# When README is given, its first ```c block is built and run the same way.
# Usage: run.sh BUILD_DIR WORK_DIR C_COMPILER LIBDIR(relative, e.g. lib) [README]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1 work=$2 cc=$3 libdir=$4 readme=${5:-}

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

echo "== cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
sed 's/^/  /' "$work/install.log"

for f in "$libdir/libdanvan.so.0" "$libdir/libdanvan.so" "$libdir/pkgconfig/danvan.pc" \
         "$libdir/cmake/danvan/danvanConfig.cmake" "$libdir/cmake/danvan/danvanConfigVersion.cmake" \
         "$libdir/cmake/danvan/danvanTargets.cmake" include/danvan/danvan.h include/danvan/version.h; do
  if [ ! -e "$prefix/$f" ]; then
    echo "FAIL: $f was not installed"
    exit 1
  fi
done
export LD_LIBRARY_PATH=$prefix/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

# The consumer must not see the build tree: only the prefix.
check_run() {
  local exe=$1 out deps
  deps=$(ldd "$exe")
  if ! grep -qF "libdanvan.so.0 => $prefix/" <<<"$deps"; then
    echo "FAIL: $exe does not load libdanvan from the prefix:"; echo "$deps"; exit 1
  fi
  out=$("$exe")
  echo "  $exe: $out"
  case $out in "libdanvan "[0-9]*.[0-9]*.[0-9]*) ;; *) echo "FAIL: unexpected output"; exit 1 ;; esac
}

echo "== pkg-config"
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
pkg-config --validate danvan
cflags=$(pkg-config --cflags danvan)
libs=$(pkg-config --libs danvan)
echo "  cflags: $cflags"
echo "  libs:   $libs"
# shellcheck disable=SC2086
"$cc" -std=c99 -Wall -Wextra -Werror -pedantic $cflags "$here/consumer.c" -o "$work/consumer-pc" $libs
check_run "$work/consumer-pc"

if [ -n "$readme" ]; then
  echo "== the C example of $(basename "$readme")"
  awk '/^```c$/ { inblock = 1; next } /^```$/ && inblock { exit } inblock' "$readme" >"$work/readme.c"
  if [ ! -s "$work/readme.c" ]; then echo "FAIL: no \`\`\`c block in $readme"; exit 1; fi
  # shellcheck disable=SC2086
  "$cc" -std=c99 -Wall -Wextra -Werror -pedantic $cflags "$work/readme.c" -o "$work/readme" $libs
  "$work/readme" | sed 's/^/  /'
fi

echo "== find_package(danvan)"
cmake -S "$here/cmake-consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/cmake.log" ||
  { cat "$work/cmake.log"; exit 1; }
cmake --build "$work/cmake-build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
check_run "$work/cmake-build/consumer"

if [ -x "$prefix/bin/danvan" ]; then
  echo "== installed tool"
  env -u LD_LIBRARY_PATH "$prefix/bin/danvan" version
fi
echo "OK: the installed library works through pkg-config and find_package"
