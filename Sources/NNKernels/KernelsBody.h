// The kernels' bodies, compiled once per instruction set by Kernels.c with
// LEVEL(name) naming them, and ROWS × VECS (vectors of 8) the register block.

// The row blocks left over at the end: fewer than ROWS, each count a block of its own.
#define REMAINDER(left, V, width) \
    switch (left) { case 1: BLOCK(1, V, width); break; case 2: BLOCK(2, V, width); break; \
                    case 3: BLOCK(3, V, width); break; case 4: BLOCK(4, V, width); break; \
                    case 5: BLOCK(5, V, width); break; case 6: BLOCK(6, V, width); break; \
                    case 7: BLOCK(7, V, width); break; }

// The columns from `o` to `end` in strips of VECS vectors, then of 2 and 1 (a narrow layer keeps
// a block as wide as it is), and the last `width` < 8 columns; STRIP(V, width) does one strip.
#define STRIPS(end)                                                                   \
    if (VECS >= 4) for (; o + 32 <= (end); o += 32) STRIP(4, 8)                       \
    if (VECS >= 2) for (; o + 16 <= (end); o += 16) STRIP(2, 8)                       \
    for (; o + 8 <= (end); o += 8) STRIP(1, 8)                                        \
    if (o < (end)) { int width = (int)((end) - o); STRIP(1, width) }

static void LEVEL(forward)(const double *w, const double *b, const double *x,
                           long n, long in, long out, double *z) {
    if (out == 1) { forward_column(w, b[0], x, n, in, z); return; }
    long o = 0;
#define STRIP(V, width)                                                                              \
    {                                                                                                \
        long r = 0;                                                                                  \
        for (; r + ROWS <= n; r += ROWS) BLOCK(ROWS, V, width);                                      \
        REMAINDER(n - r, V, width)                                                                   \
    }
#define BLOCK(R, V, width) forward_block(w + o, out, b + o, x + r * in, in, z + r * out + o, out, R, V, width)
    STRIPS(out)
#undef BLOCK
}

static void LEVEL(weight_gradient)(const double *x, const double *dz, long n, long in, long out,
                                   double *gw, double *gb) {
    if (out == 1) {
        bias_block(dz, 1, n, gb, 1, 1);
        weight_column(x, dz, n, in, gw, VECS >= 2 ? 4 : 2);
        return;
    }
    long o = 0;
#undef STRIP
#define STRIP(V, width)                                                                              \
    {                                                                                                \
        bias_block(dz + o, out, n, gb + o, V, width);                                                \
        long i = 0;                                                                                  \
        for (; i + ROWS <= in; i += ROWS) BLOCK(ROWS, V, width);                                     \
        REMAINDER(in - i, V, width)                                                                  \
    }
#define BLOCK(R, V, width) weight_block(x + i, in, dz + o, out, n, gw + i * out + o, out, R, V, width)
    STRIPS(out)
#undef BLOCK
#undef STRIP
}

// Rows in tiles of 8·RV: two vectors where there are registers for 16 sums.
#define RV (VECS >= 2 ? 2 : 1)
static void LEVEL(input_gradient)(const double *w, const double *dz, long n, long in, long out, double *dx,
                                  double *scratch) {
    if (out == 1) { input_column(w, dz, n, in, dx); return; }
    for (long r = 0; r < n; r += 8 * RV) {
        long rows = n - r < 8 * RV ? n - r : 8 * RV;
        turn_rows(dz + r * out, out, rows, scratch, RV);
        for (long i = 0; i < in; i += 8)
            input_block(w + i * out, out, scratch, dx + r * in + i, in, rows, in - i < 8 ? (int)(in - i) : 8, RV);
    }
}
#undef RV

#undef REMAINDER

static void LEVEL(adam)(double *p, const double *g, double *m, double *v, long count,
                        double alpha, double c1, double c2, double eps) {
    long k = 0;
    for (; k + 8 <= count; k += 8) adam_block(p + k, g + k, m + k, v + k, alpha, c1, c2, eps, 8);
    if (k < count) adam_block(p + k, g + k, m + k, v + k, alpha, c1, c2, eps, (int)(count - k));
}

static void LEVEL(exp_negabs)(const double *z, long n, double *e) {
    long r = 0;
    for (; r + 8 <= n; r += 8) exp_negabs_block(z + r, e + r, 8);
    if (r < n) exp_negabs_block(z + r, e + r, (int)(n - r));
}

static void LEVEL(log1p)(const double *x, long n, double *y) {
    long r = 0;
    for (; r + 8 <= n; r += 8) log1p_block(x + r, y + r, 8);
    if (r < n) log1p_block(x + r, y + r, (int)(n - r));
}

static const struct kernels LEVEL(kernels) = {LEVEL(forward), LEVEL(weight_gradient), LEVEL(input_gradient),
                                              LEVEL(adam), LEVEL(exp_negabs), LEVEL(log1p)};
