#ifndef NNKERNELS_H
#define NNKERNELS_H

// The training loop's arithmetic: the dense layers' matrix products, register-blocked, and
// Adam's update, for the instruction set this CPU has (AVX-512, AVX2 or baseline x86-64, chosen
// at start-up). Every result element is computed as the plain scalar formula written beside each
// function, sums in that order, each product of the matrix products added by one fused multiply-add
// (a·b + s rounded once; Adam fuses nothing); lanes and blocks only ever hold independent values.
// So every level gives the same bits, and the same as the scalar code with fma().
//
// Matrices are row-major; `in`, `out` and `n` are the layer's inputs, outputs and rows.

// z[r][o] = b[o] + x[r][0]·w[0][o] + x[r][1]·w[1][o] + …        (x: n × in, w: in × out)
void nn_forward(const double *w, const double *b, const double *x,
                long n, long in, long out, double *z);

// gw[i][o] = gw[i][o] + x[0][i]·dz[0][o] + x[1][i]·dz[1][o] + …   (rows in order)
// gb[o]    = gb[o] + dz[0][o] + dz[1][o] + …
void nn_weight_gradient(const double *x, const double *dz, long n, long in, long out,
                        double *gw, double *gb);

// dx[r][i] = 0 + dz[r][0]·w[i][0] + dz[r][1]·w[i][1] + …
// `scratch` holds `nn_input_scratch(out)` values.
void nn_input_gradient(const double *w, const double *dz, long n, long in, long out, double *dx, double *scratch);

// The scratch `nn_input_gradient` needs: 16 rows of dz turned.
long nn_input_scratch(long out);

// Adam (Keras 3) on `count` parameters, with c1 = 1 − β1, c2 = 1 − β2 and the bias correction in alpha:
// m = m + (g − m)·c1;  v = v + (g·g − v)·c2;  p = p − alpha·m / (√v + eps)
void nn_adam(double *p, const double *g, double *m, double *v, long count,
             double alpha, double c1, double c2, double eps);

// e[r] = exp(−|z[r]|), the bits of glibc's exp on a CPU with FMA (2.28 on), on every level: eight
// at a time where |z| lies in [2^−54, 512), the C library's exp for the rest (the loss gradients'
// and losses' e^−|z|, a call each cost 48 instructions).
void nn_exp_negabs(const double *z, long n, double *e);

// y[r] = log1p(x[r]), the bits of glibc's log1p on a CPU with FMA, on every level: eight at a time
// where x lies in [2^−29, 1) (the losses' log(1 + e^−|z|)), the C library's log1p for the rest.
void nn_log1p(const double *x, long n, double *y);

// 0: baseline x86-64 (SSE2) or not x86; 1: AVX2; 2: AVX-512.
int nn_kernel_level(void);
// The highest level this CPU runs.
int nn_kernel_best_level(void);
// Uses `level` from now on if the CPU runs it (tests compare the levels); returns whether it does.
int nn_kernel_use(int level);

#endif
