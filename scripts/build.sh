#!/usr/bin/env bash
# Configures (once) and builds a CMake tree. Usage: scripts/build.sh DIR [cmake args...] [-- targets...]
# Ninja only rebuilds what changed; ccache (set up in CMakeLists.txt) spares rebuilds across clones.
set -euo pipefail
dir=$1; shift
cmake_args=(); targets=()
while (($#)); do
  if [[ $1 == "--" ]]; then shift; targets=("$@"); break; fi
  cmake_args+=("$1"); shift
done
# Let ccache share results between clones in different folders (CI clones afresh).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${cmake_args[@]}" >/dev/null
fi
ninja -C "$dir" "${targets[@]}"
