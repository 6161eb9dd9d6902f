#!/bin/sh
# Rebuild the committed example modules (clang with wasi-libc, as fixtures/build.ts).
# The expected output of the Sightglass example comes from a native build with
# empty bench_start/bench_end (the oracle), not from the wasm itself.
set -eu
cd "$(dirname "$0")"
CLANG="${WASM_CC:-clang}"
CC="${CC:-cc}"
"$CLANG" --target=wasm32-wasi -O2 -Wl,--strip-all -o own-module/collatz.wasm own-module/collatz.c
"$CLANG" --target=wasm32-wasi -O2 -Wl,--strip-all -o sightglass/checksum/benchmark.wasm sightglass/checksum/benchmark.c
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf 'void bench_start(void) {}\nvoid bench_end(void) {}\n' > "$tmp/markers.c"
"$CC" -O2 -Wno-attributes -o "$tmp/checksum" sightglass/checksum/benchmark.c "$tmp/markers.c"
(cd sightglass/checksum && "$tmp/checksum" > benchmark.stdout.expected)
