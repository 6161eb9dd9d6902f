/*
 * A WASI command built by hand, outside wasmbench's fixtures: the longest
 * Collatz chain below N. It prints one `@wb main_entry_realtime_ns` line
 * (the wasmbench guest protocol, CONTRIBUTING.md) so time-to-main is
 * measured too; every other line is its answer.
 *
 *   clang --target=wasm32-wasi -O2 -Wl,--strip-all -o collatz.wasm collatz.c
 *   wasmbench run --wasm collatz.wasm --runtime node,wasmtime -- 300000
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  printf("@wb main_entry_realtime_ns %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
  fflush(stdout);
  long limit = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
  if (limit < 2 || limit > 100000000) {
    fprintf(stderr, "usage: collatz N (2 <= N <= 100000000)\n");
    return 2;
  }
  long best = 1, best_len = 1;
  for (long start = 1; start < limit; start++) {
    unsigned long long n = (unsigned long long)start;
    long len = 1;
    while (n != 1) {
      n = (n & 1) ? 3 * n + 1 : n / 2;
      len++;
    }
    if (len > best_len) {
      best_len = len;
      best = start;
    }
  }
  printf("longest chain below %ld starts at %ld (%ld steps)\n", limit, best, best_len);
  return 0;
}
