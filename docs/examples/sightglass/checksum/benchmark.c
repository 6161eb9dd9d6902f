/*
 * A benchmark in the Sightglass layout (Bytecode Alliance), written for
 * wasmbench's tests and docs: benchmark.wasm beside benchmark.stdout.expected
 * and its input, default.input, read through the preopened `.`. The measured
 * region is marked with the bench.start / bench.end imports, each called once.
 *
 *   clang --target=wasm32-wasi -O2 -Wl,--strip-all -o benchmark.wasm benchmark.c
 *   wasmbench run --wasm docs/examples/sightglass --runtime node,wasmtime
 */
#include <stdint.h>
#include <stdio.h>

__attribute__((import_module("bench"), import_name("start"))) void bench_start(void);
__attribute__((import_module("bench"), import_name("end"))) void bench_end(void);

int main(void) {
  FILE *input = fopen("default.input", "r");
  if (!input) {
    perror("default.input");
    return 1;
  }
  unsigned rounds = 0;
  if (fscanf(input, "%u", &rounds) != 1 || rounds == 0) {
    fprintf(stderr, "default.input: expected a positive round count\n");
    return 1;
  }
  fclose(input);

  bench_start();
  /* FNV-1a style mixing: each round depends on the last, so nothing is hoisted. */
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned i = 0; i < rounds; i++) {
    hash ^= i;
    hash *= 1099511628211ULL;
    hash ^= hash >> 29;
  }
  bench_end();

  printf("checksum %016llx after %u rounds\n", (unsigned long long)hash, rounds);
  return 0;
}
