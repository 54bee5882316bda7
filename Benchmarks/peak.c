// The arithmetic floor's rate: how many FLOPs per second this core sustains with the
// instructions nnlab's kernels use (AVX-512 fused multiply-adds), on registers only, with
// enough independent sums to hide their latency. CPU time, so other work on a shared machine
// slows it no more than it slows nnlab. (On Zen 4 unfused multiplies and adds reach the same
// rate, 57–58 GFLOP/s: the adds have pipes of their own.)
//
//   clang -O2 -o /tmp/peak Benchmarks/peak.c && /tmp/peak
#include <stdio.h>
#include <time.h>

typedef double v8 __attribute__((vector_size(64)));
#pragma clang fp contract(off)

#define CHAINS 12

__attribute__((target("avx512f,fma"), noinline)) static double run512(long rounds) {
    // As in the kernels' blocks: each weight vector meets several broadcast inputs.
    v8 acc[CHAINS], w0 = {1e-9, 2e-9, 3e-9, 4e-9, 5e-9, 6e-9, 7e-9, 8e-9}, w1 = w0 * 0.5;
    double x[CHAINS / 2];
    for (int k = 0; k < CHAINS; k++) acc[k] = w0 * k;
    for (int k = 0; k < CHAINS / 2; k++) x[k] = k * 1e-3;
    for (long r = 0; r < rounds; r++) {
        for (int k = 0; k < CHAINS / 2; k++) {
            v8 xv = {x[k], x[k], x[k], x[k], x[k], x[k], x[k], x[k]};
            acc[2 * k] = __builtin_elementwise_fma(xv, w0, acc[2 * k]);
            acc[2 * k + 1] = __builtin_elementwise_fma(xv, w1, acc[2 * k + 1]);
        }
        __asm__ volatile("" : "+v"(w0), "+v"(w1));
    }
    double s = 0;
    for (int k = 0; k < CHAINS; k++) for (int j = 0; j < 8; j++) s += acc[k][j];
    return s;
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    if (!__builtin_cpu_supports("avx512f")) { puts("no AVX-512 on this CPU"); return 1; }
    long rounds = 20000000;
    double best = 0, sink = 0;
    for (int trial = 0; trial < 7; trial++) {
        double t0 = seconds();
        sink += run512(rounds);
        double rate = rounds * CHAINS * 16.0 / (seconds() - t0);
        if (rate > best) best = rate;
    }
    printf("AVX-512 fused multiply-add: %.1f GFLOP/s (best of 7, CPU time)%s\n", best * 1e-9, sink == 1 ? " " : "");
    return 0;
}
