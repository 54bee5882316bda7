// The kernels' bodies, compiled once per instruction set by Kernels.c with
// LEVEL(name) naming them, and ROWS × VECS (vectors of 8) the register block.

// The row blocks left over at the end: fewer than ROWS, each count a block of its own.
#define REMAINDER(left, CALL) \
    switch (left) { case 1: CALL(1); break; case 2: CALL(2); break; case 3: CALL(3); break; \
                    case 4: CALL(4); break; case 5: CALL(5); break; case 6: CALL(6); break; case 7: CALL(7); break; }

static void LEVEL(forward)(const double *w, const double *b, const double *x,
                           long n, long in, long out, double *z) {
    if (out == 1) { forward_column(w, b[0], x, n, in, z); return; }
    long o = 0;
    for (; o + 8 * VECS <= out; o += 8 * VECS) {
        long r = 0;
#define BLOCK(R) forward_block(w + o, out, b + o, x + r * in, in, z + r * out + o, out, R, VECS, 8)
        for (; r + ROWS <= n; r += ROWS) BLOCK(ROWS);
        REMAINDER(n - r, BLOCK)
#undef BLOCK
    }
    for (; o < out; o += 8) {
        int width = out - o < 8 ? (int)(out - o) : 8;
        long r = 0;
#define BLOCK(R) forward_block(w + o, out, b + o, x + r * in, in, z + r * out + o, out, R, 1, width)
        for (; r + ROWS <= n; r += ROWS) BLOCK(ROWS);
        REMAINDER(n - r, BLOCK)
#undef BLOCK
    }
}

static void LEVEL(weight_gradient)(const double *x, const double *dz, long n, long in, long out,
                                   double *gw, double *gb) {
    if (out == 1) {
        bias_block(dz, 1, n, gb, 1, 1);
        weight_column(x, dz, n, in, gw, VECS * 2);
        return;
    }
    long o = 0;
    for (; o + 8 * VECS <= out; o += 8 * VECS) {
        bias_block(dz + o, out, n, gb + o, VECS, 8);
        long i = 0;
#define BLOCK(R) weight_block(x + i, in, dz + o, out, n, gw + i * out + o, out, R, VECS, 8)
        for (; i + ROWS <= in; i += ROWS) BLOCK(ROWS);
        REMAINDER(in - i, BLOCK)
#undef BLOCK
    }
    for (; o < out; o += 8) {
        int width = out - o < 8 ? (int)(out - o) : 8;
        bias_block(dz + o, out, n, gb + o, 1, width);
        long i = 0;
#define BLOCK(R) weight_block(x + i, in, dz + o, out, n, gw + i * out + o, out, R, 1, width)
        for (; i + ROWS <= in; i += ROWS) BLOCK(ROWS);
        REMAINDER(in - i, BLOCK)
#undef BLOCK
    }
}

static void LEVEL(input_gradient)(const double *wt, const double *dz, long n, long in, long out, double *dx) {
    long ld = nn_padded(in), i = 0;
    for (; i + 8 * VECS <= ld; i += 8 * VECS) {
        long r = 0;
#define BLOCK(R) input_block(wt + i, ld, dz + r * out, out, dx + r * in + i, in, in - i, R, VECS)
        for (; r + ROWS <= n; r += ROWS) BLOCK(ROWS);
        REMAINDER(n - r, BLOCK)
#undef BLOCK
    }
    for (; i < ld; i += 8) {
        long r = 0;
#define BLOCK(R) input_block(wt + i, ld, dz + r * out, out, dx + r * in + i, in, in - i, R, 1)
        for (; r + ROWS <= n; r += ROWS) BLOCK(ROWS);
        REMAINDER(n - r, BLOCK)
#undef BLOCK
    }
}

#undef REMAINDER

static void LEVEL(adam)(double *p, const double *g, double *m, double *v, long count,
                        double alpha, double c1, double c2, double eps) {
    long k = 0;
    for (; k + 8 <= count; k += 8) adam_block(p + k, g + k, m + k, v + k, alpha, c1, c2, eps, 8);
    if (k < count) adam_block(p + k, g + k, m + k, v + k, alpha, c1, c2, eps, (int)(count - k));
}

static void LEVEL(transpose)(const double *w, long in, long out, double *wt) { transpose_matrix(w, in, out, wt); }

static const struct kernels LEVEL(kernels) = {LEVEL(forward), LEVEL(weight_gradient), LEVEL(input_gradient),
                                              LEVEL(adam), LEVEL(transpose)};
