"""Regenerates the NumPy fixtures for other seeds, sizes and noise levels.
Run once with NumPy installed; the tests read the CSVs and never need NumPy.
The code is the seed post's, with n, noise, seed and test size as parameters;
the split is train_test_split's: RandomState(seed).permutation(n), first ceil(test*n) are test."""
import math
import numpy as np

def circles(n, noise, seed, test, path):
    np.random.seed(seed)
    angles = np.linspace(0, 2 * np.pi, n // 2)
    cols = [r * f(angles) + np.random.normal(0, noise, n // 2) for r in (1, 2) for f in (np.cos, np.sin)]
    X = np.concatenate((np.stack(cols[0:2], axis=1), np.stack(cols[2:4], axis=1)))
    y = [0] * (n // 2) + [1] * (n // 2)
    m = len(y)
    order = np.random.RandomState(seed).permutation(m)
    n_test = math.ceil(test * m)
    split = {int(i): "test" for i in order[:n_test]}
    split.update({int(i): "train" for i in order[n_test:n_test + math.floor((1 - test) * m)]})
    with open(path, "w") as f:
        f.write("index,x1,x2,label,split\n")
        for i in range(m):
            f.write(f"{i},{float(X[i,0])!r},{float(X[i,1])!r},{y[i]},{split.get(i, 'none')}\n")

circles(50, 0.05, 7, 0.3, "circles-n50-noise0.05-seed7-test0.3.csv")
circles(301, 0.5, 123, 0.25, "circles-n301-noise0.5-seed123-test0.25.csv")
circles(1000, 1.0, 0, 0.2, "circles-n1000-noise1-seed0-test0.2.csv")
