// The kernels' bodies, compiled once per instruction set by DenseKernels.c with
// LEVEL(name) naming them, and ROWS × VECS (vectors of 8) the register block.

static void LEVEL(forward)(const double *w, const double *b, const double *x,
                           long n, long in, long out, double *z) {
    if (out == 1) {
        // One output (every network's last layer): ROWS independent dot products at a time.
        long r = 0;
        for (; r + 8 <= n; r += 8) {
            double s[8];
            for (int k = 0; k < 8; k++) s[k] = b[0];
            for (long i = 0; i < in; i++)
                for (int k = 0; k < 8; k++) s[k] += x[(r + k) * in + i] * w[i];
            for (int k = 0; k < 8; k++) z[r + k] = s[k];
        }
        for (; r < n; r++) {
            double s = b[0];
            for (long i = 0; i < in; i++) s += x[r * in + i] * w[i];
            z[r] = s;
        }
        return;
    }
    long o = 0;
    for (; o + 8 * VECS <= out; o += 8 * VECS) {
        long r = 0;
        for (; r + ROWS <= n; r += ROWS) forward_block(w + o, out, b + o, x + r * in, in, z + r * out + o, out, ROWS, VECS, 8);
        for (; r < n; r++) forward_block(w + o, out, b + o, x + r * in, in, z + r * out + o, out, 1, VECS, 8);
    }
    for (; o < out; o += 8) {
        int width = out - o < 8 ? (int)(out - o) : 8;
        long r = 0;
        for (; r + ROWS <= n; r += ROWS) forward_block(w + o, out, b + o, x + r * in, in, z + r * out + o, out, ROWS, 1, width);
        for (; r < n; r++) forward_block(w + o, out, b + o, x + r * in, in, z + r * out + o, out, 1, 1, width);
    }
}

static void LEVEL(weight_gradient)(const double *x, const double *dz, long n, long in, long out,
                                   double *gw, double *gb) {
    long o = 0;
    for (; o + 8 * VECS <= out; o += 8 * VECS) {
        bias_block(dz + o, out, n, gb + o, VECS, 8);
        long i = 0;
        for (; i + ROWS <= in; i += ROWS) weight_block(x + i, in, dz + o, out, n, gw + i * out + o, out, ROWS, VECS, 8);
        for (; i < in; i++) weight_block(x + i, in, dz + o, out, n, gw + i * out + o, out, 1, VECS, 8);
    }
    for (; o < out; o += 8) {
        int width = out - o < 8 ? (int)(out - o) : 8;
        bias_block(dz + o, out, n, gb + o, 1, width);
        long i = 0;
        for (; i + ROWS <= in; i += ROWS) weight_block(x + i, in, dz + o, out, n, gw + i * out + o, out, ROWS, 1, width);
        for (; i < in; i++) weight_block(x + i, in, dz + o, out, n, gw + i * out + o, out, 1, 1, width);
    }
}

static void LEVEL(input_gradient)(const double *wt, const double *dz, long n, long in, long out, double *dx) {
    long ld = nn_padded(in), i = 0;
    for (; i + 8 * VECS <= ld; i += 8 * VECS) {
        long r = 0;
        for (; r + ROWS <= n; r += ROWS) input_block(wt + i, ld, dz + r * out, out, dx + r * in + i, in, in - i, ROWS, VECS);
        for (; r < n; r++) input_block(wt + i, ld, dz + r * out, out, dx + r * in + i, in, in - i, 1, VECS);
    }
    for (; i < ld; i += 8) {
        long r = 0;
        for (; r + ROWS <= n; r += ROWS) input_block(wt + i, ld, dz + r * out, out, dx + r * in + i, in, in - i, ROWS, 1);
        for (; r < n; r++) input_block(wt + i, ld, dz + r * out, out, dx + r * in + i, in, in - i, 1, 1);
    }
}

static const struct kernels LEVEL(kernels) = {LEVEL(forward), LEVEL(weight_gradient), LEVEL(input_gradient)};
