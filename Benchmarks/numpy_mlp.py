"""The post's Example 2 as a hand-written NumPy MLP, doing the work nnlab does.

Data as in the post (np.random.seed(42), 200 points on radii 1 and 2, noise
0.2 drawn inner-x, inner-y, outer-x, outer-y), the split train_test_split(test_size=0.2,
random_state=42) makes (RandomState(42).permutation(200), the first 40 for test),
StandardScaler fit on train. Model 2-16-1, ReLU, sigmoid output, binary cross-entropy
from the logit, Glorot-uniform kernels and zero biases, Adam as Keras 3 (lr 0.001,
eps 1e-7), batch 32 on a fresh permutation every epoch, all drawn from
RandomState(seed) in nnlab's order. Like nnlab, every epoch ends by measuring loss and
accuracy on both splits (--no-measure leaves that out).

    python3 numpy_mlp.py [--epochs 500] [--seed 0] [--model linear|dense16] [--no-measure]

Prints the last epoch's figures, which match nnlab's to about 12 digits (the matrix
products add in another order).
"""
import argparse

import numpy as np


def circles(n=200, noise=0.2, seed=42):
    rng = np.random.RandomState(seed)
    half = n // 2
    angles = np.linspace(0, 2 * np.pi, half)
    inner_x = 1 * np.cos(angles) + rng.normal(0, noise, half)
    inner_y = 1 * np.sin(angles) + rng.normal(0, noise, half)
    outer_x = 2 * np.cos(angles) + rng.normal(0, noise, half)
    outer_y = 2 * np.sin(angles) + rng.normal(0, noise, half)
    x = np.concatenate((np.stack((inner_x, inner_y), axis=1), np.stack((outer_x, outer_y), axis=1)))
    y = np.array([0.0] * half + [1.0] * half)
    order = np.random.RandomState(seed).permutation(n)
    n_test = int(np.ceil(0.2 * n))
    test, train = order[:n_test], order[n_test:]
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0)
    return (x[train] - mean) / scale, y[train], (x[test] - mean) / scale, y[test]


def bce(z, y):
    return np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--model", choices=["dense16", "linear"], default="dense16")
    ap.add_argument("--no-measure", action="store_true")
    args = ap.parse_args()

    x_train, y_train, x_test, y_test = circles()
    rng = np.random.RandomState(args.seed)
    sizes = [2, 16, 1] if args.model == "dense16" else [2, 1]
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        params += [rng.uniform(-limit, limit, size=(fan_in, fan_out)), np.zeros(fan_out)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, beta1, beta2, eps, t = 0.001, 0.9, 0.999, 1e-7, 0
    hidden = len(params) == 4

    def logits(x):
        if hidden:
            h = np.maximum(x @ params[0] + params[1], 0)
            return h, (h @ params[2] + params[3])[:, 0]
        return x, (x @ params[0] + params[1])[:, 0]

    def measure(x, y):
        z = logits(x)[1]
        return bce(z, y).mean(), ((z > 0) == (y == 1)).mean()

    n = len(y_train)
    record = None
    for _ in range(args.epochs):
        order = rng.permutation(n)
        for start in range(0, n, 32):
            rows = order[start:start + 32]
            x, y = x_train[rows], y_train[rows]
            h, z = logits(x)
            dz = ((sigmoid(z) - y) / len(rows))[:, None]
            if hidden:
                dh = (dz @ params[2].T) * (h > 0)
                grads = [x.T @ dh, dh.sum(axis=0), h.T @ dz, dz.sum(axis=0)]
            else:
                grads = [x.T @ dz, dz.sum(axis=0)]
            t += 1
            alpha = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
            for p, g, mk, vk in zip(params, grads, m, v):
                mk += (g - mk) * (1 - beta1)
                vk += (g * g - vk) * (1 - beta2)
                p -= alpha * mk / (np.sqrt(vk) + eps)
        if not args.no_measure:
            record = measure(x_train, y_train) + measure(x_test, y_test)
    if record is None:
        record = measure(x_train, y_train) + measure(x_test, y_test)
    print(f"epoch {args.epochs}: loss {record[0]:.6g} · train {record[1]:.1%} · test {record[3]:.1%} "
          f"(test loss {record[2]:.6g})")


if __name__ == "__main__":
    main()
