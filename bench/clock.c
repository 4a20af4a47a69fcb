// Measures the clock of one core: 10 dependent integer adds per loop iteration take 10 cycles. Used for the peak
// GFLOP/s in bench/README.md, "Efficiency". Run: gcc -O2 -o /tmp/clock bench/clock.c && /tmp/clock
#include <stdio.h>
#include <time.h>
int main(void) {
  long y = 0, n = 200000000;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < n; i++) {
    asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                 "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(y));
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
  printf("%.2f GHz (10 dependent adds per iteration, %ld iterations, %.3f s; y=%ld)\n", 10.0 * n / s / 1e9, n, s, y);
  return 0;
}
