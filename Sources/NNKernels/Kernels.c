#include "NNKernels.h"
#include "LibmData.h"
#include <math.h>
#include <string.h>

// Every a·b + c of the products is one fused multiply-add (one rounding), written out as `madd`, on
// every level: the baseline level calls the C library's fma(), exact in software where the CPU has
// no FMA unit. Nothing else is ever fused, so Adam's update keeps its separate roundings.
#pragma clang fp contract(off)

typedef double v8 __attribute__((vector_size(64)));
// The helpers taking and returning v8 are always inlined, so no call passes one in registers
// whose layout differs between the levels.
#pragma clang diagnostic ignored "-Wpsabi"
#define INLINE static inline __attribute__((always_inline))

INLINE v8 splat(double x) { return (v8){x, x, x, x, x, x, x, x}; }

// a·b + c, rounded once.
INLINE v8 madd(v8 a, v8 b, v8 c) { return __builtin_elementwise_fma(a, b, c); }
INLINE double madd1(double a, double b, double c) { return __builtin_fma(a, b, c); }

// The first `width` values at p (8: a whole vector), zeros after them.
INLINE v8 load(const double *p, int width) {
    v8 v = splat(0);
    if (width == 8) memcpy(&v, p, sizeof v);
    else for (int k = 0; k < width; k++) v[k] = p[k];
    return v;
}

INLINE void store(double *p, v8 v, int width) {
    if (width == 8) memcpy(p, &v, sizeof v);
    else for (int k = 0; k < width; k++) p[k] = v[k];
}

// The blocks below are called with constant R and V, so that their accumulators are registers.

// R rows of z, V vectors of outputs wide (the last one `width` values).
INLINE void forward_block(const double *w, long ldw, const double *b, const double *x, long in,
                          double *z, long ldz, int R, int V, int width) {
    v8 acc[8][4];
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) acc[r][v] = load(b + 8 * v, v == V - 1 ? width : 8);
    for (long i = 0; i < in; i++) {
        v8 wv[4];
        for (int v = 0; v < V; v++) wv[v] = load(w + i * ldw + 8 * v, v == V - 1 ? width : 8);
        for (int r = 0; r < R; r++) {
            v8 xv = splat(x[r * in + i]);
            for (int v = 0; v < V; v++) acc[r][v] = madd(xv, wv[v], acc[r][v]);
        }
    }
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) store(z + r * ldz + 8 * v, acc[r][v], v == V - 1 ? width : 8);
}

// R inputs of gw, V vectors of outputs wide, summed over the n rows.
INLINE void weight_block(const double *x, long ldx, const double *dz, long ldz, long n,
                         double *gw, long ldg, int R, int V, int width) {
    v8 acc[8][4];
    for (int i = 0; i < R; i++)
        for (int v = 0; v < V; v++) acc[i][v] = load(gw + i * ldg + 8 * v, v == V - 1 ? width : 8);
    for (long r = 0; r < n; r++) {
        v8 dv[4];
        for (int v = 0; v < V; v++) dv[v] = load(dz + r * ldz + 8 * v, v == V - 1 ? width : 8);
        for (int i = 0; i < R; i++) {
            v8 xv = splat(x[r * ldx + i]);
            for (int v = 0; v < V; v++) acc[i][v] = madd(xv, dv[v], acc[i][v]);
        }
    }
    for (int i = 0; i < R; i++)
        for (int v = 0; v < V; v++) store(gw + i * ldg + 8 * v, acc[i][v], v == V - 1 ? width : 8);
}

INLINE void bias_block(const double *dz, long ldz, long n, double *gb, int V, int width) {
    v8 acc[4];
    for (int v = 0; v < V; v++) acc[v] = load(gb + 8 * v, v == V - 1 ? width : 8);
    for (long r = 0; r < n; r++)
        for (int v = 0; v < V; v++) acc[v] += load(dz + r * ldz + 8 * v, v == V - 1 ? width : 8);
    for (int v = 0; v < V; v++) store(gb + 8 * v, acc[v], v == V - 1 ? width : 8);
}

// c[j][k] = a[k][j]: an 8 × 8 tile turned in registers.
INLINE void transpose8(const v8 a[8], v8 c[8]) {
    v8 t[8], u[8];
    for (int k = 0; k < 8; k += 2) {
        t[k] = __builtin_shufflevector(a[k], a[k + 1], 0, 8, 2, 10, 4, 12, 6, 14);
        t[k + 1] = __builtin_shufflevector(a[k], a[k + 1], 1, 9, 3, 11, 5, 13, 7, 15);
    }
    for (int k = 0; k < 8; k += 4) {
        u[k] = __builtin_shufflevector(t[k], t[k + 2], 0, 1, 8, 9, 4, 5, 12, 13);
        u[k + 1] = __builtin_shufflevector(t[k + 1], t[k + 3], 0, 1, 8, 9, 4, 5, 12, 13);
        u[k + 2] = __builtin_shufflevector(t[k], t[k + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        u[k + 3] = __builtin_shufflevector(t[k + 1], t[k + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    for (int k = 0; k < 4; k++) {
        c[k] = __builtin_shufflevector(u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        c[k + 4] = __builtin_shufflevector(u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

// One logit per row (every network's last layer): eight rows at a time, their 8 × 8 tiles of x
// turned in registers so that each lane holds one row's sum.
INLINE void forward_column(const double *w, double b, const double *x, long n, long in, double *z) {
    long r = 0;
    for (; r + 8 <= n; r += 8) {
        const double *xr = x + r * in;
        v8 acc = splat(b);
        long i = 0;
        for (; i + 8 <= in; i += 8) {
            v8 a[8], c[8];
            for (int k = 0; k < 8; k++) a[k] = load(xr + k * in + i, 8);
            transpose8(a, c);
            for (int k = 0; k < 8; k++) acc = madd(c[k], splat(w[i + k]), acc);
        }
        for (; i < in; i++) {
            v8 c;
            for (int k = 0; k < 8; k++) c[k] = xr[k * in + i];
            acc = madd(c, splat(w[i]), acc);
        }
        store(z + r, acc, 8);
    }
    for (; r < n; r++) {
        double s = b;
        for (long i = 0; i < in; i++) s = madd1(x[r * in + i], w[i], s);
        z[r] = s;
    }
}

// gw[i] over one output: the lanes run over the inputs, VECS·8 at a time.
INLINE void weight_column(const double *x, const double *dz, long n, long in, double *gw, int V) {
    for (long i = 0; i < in; i += 8 * V) {
        v8 acc[4];
        int width[4];
        for (int v = 0; v < V; v++) {
            long left = in - i - 8 * v;
            width[v] = left >= 8 ? 8 : left > 0 ? (int)left : 0;
            acc[v] = load(gw + i + 8 * v, width[v]);
        }
        for (long r = 0; r < n; r++) {
            v8 d = splat(dz[r]);
            for (int v = 0; v < V; v++) acc[v] = madd(load(x + r * in + i + 8 * v, width[v]), d, acc[v]);
        }
        for (int v = 0; v < V; v++) store(gw + i + 8 * v, acc[v], width[v]);
    }
}

// Adam's update of `width` parameters (8: a whole vector).
INLINE void adam_block(double *p, const double *g, double *m, double *v, double alpha, double c1, double c2,
                       double eps, int width) {
    v8 gv = load(g, width), mv = load(m, width), vv = load(v, width), pv = load(p, width);
    mv += (gv - mv) * splat(c1);
    vv += (gv * gv - vv) * splat(c2);
    pv -= splat(alpha) * mv / (__builtin_elementwise_sqrt(vv) + splat(eps));
    store(m, mv, width);
    store(v, vv, width);
    store(p, pv, width);
}

// dx for 8·RV rows from `r` and the 8 inputs from `i` (`width` of them real): the lanes run over the
// rows, so W is read as it lies (w[i][o] broadcast) and only dz is turned, into `dzt` (o × 8·RV, rows
// past n zero); each 8 × 8 tile of sums is turned back in registers as it is stored.
INLINE void input_block(const double *w, long out, const double *dzt, double *dx, long in, long rows,
                        int width, int RV) {
    v8 acc[8][2];
    for (int k = 0; k < 8; k++)
        for (int v = 0; v < RV; v++) acc[k][v] = splat(0);
    const double *wk[8];
    for (int k = 0; k < 8; k++) wk[k] = w + (k < width ? k : 0) * out;
    for (long o = 0; o < out; o++) {
        v8 dv[2];
        for (int v = 0; v < RV; v++) dv[v] = load(dzt + o * 8 * RV + 8 * v, 8);
        for (int k = 0; k < 8; k++) {
            v8 wv = splat(wk[k][o]);
            for (int v = 0; v < RV; v++) acc[k][v] = madd(dv[v], wv, acc[k][v]);
        }
    }
    for (int v = 0; v < RV; v++) {
        v8 a[8], c[8];
        for (int k = 0; k < 8; k++) a[k] = acc[k][v];
        transpose8(a, c);
        for (int k = 0; k < 8 && 8 * v + k < rows; k++) store(dx + (8 * v + k) * in, c[k], width);
    }
}

// dx under a layer of one output (every network's last): dx[r][i] = 0 + dz[r]·w[i], the lanes over i.
INLINE void input_column(const double *w, const double *dz, long n, long in, double *dx) {
    for (long r = 0; r < n; r++)
        for (long i = 0; i < in; i += 8) {
            int width = in - i < 8 ? (int)(in - i) : 8;
            store(dx + r * in + i, madd(splat(dz[r]), load(w + i, width), splat(0)), width);
        }
}

// dz's rows r..r+8·RV turned into dzt (o × 8·RV), zeros past the `rows` that exist.
INLINE void turn_rows(const double *dz, long out, long rows, double *dzt, int RV) {
    long o = 0;
    for (; o + 8 <= out; o += 8)
        for (int v = 0; v < RV; v++) {
            v8 a[8], c[8];
            for (int k = 0; k < 8; k++) a[k] = 8 * v + k < rows ? load(dz + (8 * v + k) * out + o, 8) : splat(0);
            transpose8(a, c);
            for (int k = 0; k < 8; k++) store(dzt + (o + k) * 8 * RV + 8 * v, c[k], 8);
        }
    for (; o < out; o++)
        for (int j = 0; j < 8 * RV; j++) dzt[o * 8 * RV + j] = j < rows ? dz[j * out + o] : 0;
}

typedef long long v8i __attribute__((vector_size(64)));

// e^x in each lane for −512 < x ≤ −2^−54 or 2^−54 ≤ x < 512, as glibc's exp (2.28 on, the build
// for CPUs with FMA) computes it, operation for operation and fused where it fuses (read from its
// machine code): so the same bits as exp() on this machine's libm, eight at a time, and on every
// level. Lanes outside that range are wrong; `exp_outside` says which.
INLINE v8 exp_lanes(v8 x) {
    v8 z = madd(x, splat(EXP_INV_LN2_N), splat(EXP_SHIFT));
    v8i ki = (v8i)z;
    v8 kd = z - splat(EXP_SHIFT);
    v8 r = madd(kd, splat(EXP_NEG_LN2_HI_N), x);
    r = madd(kd, splat(EXP_NEG_LN2_LO_N), r);
    v8 tail, scale;
    for (int k = 0; k < 8; k++) {
        long long j = 2 * (ki[k] & 127);
        unsigned long long bits = exp_table[j + 1] + ((unsigned long long)ki[k] << 45);
        double t, s;
        memcpy(&t, &exp_table[j], sizeof t);
        memcpy(&s, &bits, sizeof s);
        tail[k] = t;
        scale[k] = s;
    }
    v8 r2 = r * r;
    v8 tmp = madd(madd(r, splat(EXP_C3), splat(EXP_C2)), r2, r + tail);
    tmp = madd(r2 * r2, madd(r, splat(EXP_C5), splat(EXP_C4)), tmp);
    return madd(scale, tmp, scale);
}

// Lanes where |x| is below 2^−54 or 512 or more, or NaN: glibc's special cases.
INLINE int exp_outside(v8 x, int width) {
    v8i top = ((v8i)x >> 52) & 0x7ff;
    int outside = 0;
    for (int k = 0; k < width; k++) outside |= (unsigned long long)(top[k] - 0x3c9) > 0x3e;
    return outside;
}

INLINE v8 pick(v8i where, v8 a, v8 b) { return (v8)(((v8i)a & where) | ((v8i)b & ~where)); }

// log(1 + x) in each lane for 2^−29 ≤ x < 1, as glibc's log1p (fdlibm's; the build for CPUs with
// FMA) computes it, operation for operation and fused where it fuses (read from its machine code):
// below 0.41422 f = x; above, 1 + x is halved (k = 1) and c corrects its rounding. Lanes outside
// that range, or where glibc takes a branch of its own, are wrong; `log1p_outside` says which.
INLINE v8 log1p_lanes(v8 x) {
    v8i below = ((v8i)x >> 32) < 0x3fda827a;
    v8 u = x + splat(1);
    v8 c = (x - (u - splat(1))) / u;
    v8i hu = ((v8i)u >> 32) & 0xfffff;
    v8 half = (v8)(((hu | 0x3fe00000) << 32) | ((v8i)u & 0xffffffff));
    v8 f = pick(below, x, half - splat(1));
    v8 hfsq = splat(0.5) * f * f;
    v8 s = f / (splat(2) + f);
    v8 z = s * s, z2 = z * z, z4 = z2 * z2, z6 = z2 * z4;
    v8 R = madd(z, splat(LOG1P_LP1), z2 * madd(z, splat(LOG1P_LP3), splat(LOG1P_LP2)));
    R = madd(z4, madd(z, splat(LOG1P_LP5), splat(LOG1P_LP4)), R);
    R = madd(z6, madd(z, splat(LOG1P_LP7), splat(LOG1P_LP6)), R);
    v8 t = (R + hfsq) * s;
    return pick(below, f - (hfsq - t), splat(LOG1P_LN2_HI) - ((hfsq - ((splat(LOG1P_LN2_LO) + c) + t)) - f));
}

// Lanes outside 2^−29 ≤ x < 1, or above 0.41422 where 1 + x is 2 or so near it that glibc takes
// its branch for |f| < 2^−20.
INLINE int log1p_outside(v8 x, int width) {
    v8i hx = (v8i)x >> 32;
    v8i hu = ((v8i)(x + splat(1)) >> 32) & 0xfffff;
    int outside = 0;
    for (int k = 0; k < width; k++)
        outside |= hx[k] < 0x3e200000 || hx[k] >= 0x3ff00000
                   || (hx[k] >= 0x3fda827a && (hu[k] < 0x6a09e || (0x100000 - hu[k]) >> 2 == 0));
    return outside;
}

// y[k] = log1p(x[k]) for `width` values (8: a whole vector); the C library's where glibc's is special.
INLINE void log1p_block(const double *x, double *y, int width) {
    v8 v = load(x, width);
    v8 l = log1p_lanes(v);
    if (log1p_outside(v, width))
        for (int k = 0; k < width; k++) l[k] = log1p(v[k]);
    store(y, l, width);
}

// e[k] = exp(−|z[k]|) for `width` values (8: a whole vector); the C library's exp where glibc's is special.
INLINE void exp_negabs_block(const double *z, double *e, int width) {
    v8 x = -__builtin_elementwise_abs(load(z, width));
    v8 y = exp_lanes(x);
    if (exp_outside(x, width))
        for (int k = 0; k < width; k++) y[k] = exp(x[k]);
    store(e, y, width);
}

struct kernels {
    void (*forward)(const double *, const double *, const double *, long, long, long, double *);
    void (*weight_gradient)(const double *, const double *, long, long, long, double *, double *);
    void (*input_gradient)(const double *, const double *, long, long, long, double *, double *);
    void (*adam)(double *, const double *, double *, double *, long, double, double, double, double);
    void (*exp_negabs)(const double *, long, double *);
    void (*log1p)(const double *, long, double *);
};

// Register blocks, measured on an AMD EPYC (Zen 4) for AVX-512: 4 rows × 4 vectors run 32 × 512 × 512
// at 37–39 GFLOP/s against 29–32 for 4 × 2 (narrower layers take strips of 2 and 1 vectors); for the
// others, what fits in their 16 registers.
#define LEVEL(name) base_##name
#define ROWS 2
#define VECS 1
#include "KernelsBody.h"
#undef LEVEL
#undef ROWS
#undef VECS

#if defined(__x86_64__) && defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define LEVEL(name) avx2_##name
#define ROWS 4
#define VECS 1
#include "KernelsBody.h"
#undef LEVEL
#undef ROWS
#undef VECS
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx512f,fma"))), apply_to = function)
#define LEVEL(name) avx512_##name
#define ROWS 4
#define VECS 4
#include "KernelsBody.h"
#undef LEVEL
#undef ROWS
#undef VECS
#pragma clang attribute pop
#endif

static const struct kernels *const table[] = {
    &base_kernels,
#if defined(__x86_64__) && defined(__clang__)
    &avx2_kernels, &avx512_kernels,
#endif
};

void nn_exp_negabs(const double *z, long n, double *e) { table[nn_kernel_level()]->exp_negabs(z, n, e); }

void nn_log1p(const double *x, long n, double *y) { table[nn_kernel_level()]->log1p(x, n, y); }

int nn_kernel_best_level(void) {
#if defined(__x86_64__) && defined(__clang__)
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("fma")) return 0;
    if (__builtin_cpu_supports("avx512f")) return 2;
    if (__builtin_cpu_supports("avx2")) return 1;
#endif
    return 0;
}

static int level;

// Chosen once, before main, so that no two threads ever race to choose it.
__attribute__((constructor)) static void choose_level(void) { level = nn_kernel_best_level(); }

int nn_kernel_level(void) { return level; }

int nn_kernel_use(int wanted) {
    if (wanted < 0 || wanted > nn_kernel_best_level()) return 0;
    level = wanted;
    return 1;
}

void nn_forward(const double *w, const double *b, const double *x, long n, long in, long out, double *z) {
    table[nn_kernel_level()]->forward(w, b, x, n, in, out, z);
}

void nn_weight_gradient(const double *x, const double *dz, long n, long in, long out, double *gw, double *gb) {
    table[nn_kernel_level()]->weight_gradient(x, dz, n, in, out, gw, gb);
}

void nn_input_gradient(const double *w, const double *dz, long n, long in, long out, double *dx, double *scratch) {
    table[nn_kernel_level()]->input_gradient(w, dz, n, in, out, dx, scratch);
}

long nn_input_scratch(long out) { return 16 * out; }

void nn_adam(double *p, const double *g, double *m, double *v, long count,
             double alpha, double c1, double c2, double eps) {
    table[nn_kernel_level()]->adam(p, g, m, v, count, alpha, c1, c2, eps);
}
