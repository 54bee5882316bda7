"""Time per epoch of nnlab against the same MLP in NumPy (OpenBLAS) and PyTorch (CPU).

Every framework does nnlab's work: ReLU layers and one logit, binary cross-entropy from
the logit, Glorot-uniform kernels, Adam (lr 0.001, eps 1e-7), batch 32 on a fresh
permutation each epoch, and loss and accuracy measured on both splits after each epoch.
The rows are those of issue 20: the post's Example 2, wide, deep and large jobs.

    python3 Benchmarks/scaling.py NNLAB [--runs 5] [--rows NAME,...] [--no-torch]

nnlab is timed as whole processes at two run lengths, alternated, and the per-epoch time is
their difference over the extra epochs (start-up, data and model cancel out); NumPy and
PyTorch in-process, per epoch after one warm-up epoch, so their imports (PyTorch: about a
second) are not counted. Every figure is CPU time (user + system), the median of RUNS
alternated runs, with the spread (max/min − 1) beside it: on a machine shared with other
work, wall-clock times of PyTorch's and OpenBLAS's spinning threads are mostly waiting.
Everything runs on THREADS threads (default 1: nnlab trains on one, and NNLAB_THREADS is set for
its measuring; on an idle machine issue 20 found NumPy faster with one BLAS thread than with two
at these sizes). Data with 30 or 64 features are
Gaussian classes written to a CSV that nnlab loads with `data load`.

PyTorch CPU-only (the default wheel pulls in about 5 GB of CUDA):
    python3 -m venv /tmp/venv-torch && /tmp/venv-torch/bin/pip install numpy torch \\
        --index-url https://download.pytorch.org/whl/cpu
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def threads_from_argv():
    for k, a in enumerate(sys.argv):
        if a == "--threads" and k + 1 < len(sys.argv):
            return sys.argv[k + 1]
    return "1"


# Before NumPy loads OpenBLAS; nnlab's measuring threads too.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NNLAB_THREADS"):
    os.environ[var] = threads_from_argv()

import numpy as np  # noqa: E402

# name: (hidden widths, data rows, features, nnlab's (short, long) epochs, python epochs)
ROWS = {
    "example2": ([16], 200, 2, (200, 2200), 400),
    "dense512": ([512], 200, 2, (5, 45), 20),
    "dense64x3": ([64, 64, 64], 200, 2, (10, 110), 50),
    "rows20k-dense64": ([64], 20000, 2, (1, 4), 2),
    "dense256x3": ([256, 256, 256], 200, 2, (2, 12), 5),
    "rows2000-f30-dense256x2": ([256, 256], 2000, 30, (1, 3), 2),
    "rows2000-f64-dense256x2": ([256, 256], 2000, 64, (1, 3), 2),
    # Six dense512 layers on 20,000 rows (issue 20) are now over the work limit; four are accepted.
    "rows20k-dense512x4": ([512] * 4, 20000, 2, (0, 1), 1),
}


def make_data(n, d, seed=42):
    """Circles for two features (the post's data at n points), Gaussian classes otherwise."""
    rng = np.random.RandomState(seed)
    if d == 2:
        half = n // 2
        a = np.linspace(0, 2 * np.pi, half)
        x = np.concatenate([np.stack([r * np.cos(a), r * np.sin(a)], axis=1) for r in (1, 2)])
        x += rng.normal(0, 0.2, x.shape)
        y = np.array([0.0] * half + [1.0] * half)
    else:
        y = (rng.uniform(size=n) < 0.5).astype(float)
        x = rng.normal(size=(n, d)) + y[:, None] * 0.5
    order = rng.permutation(n)
    n_test = int(np.ceil(0.2 * n))
    test, train = order[:n_test], order[n_test:]
    mean, scale = x[train].mean(axis=0), x[train].std(axis=0)
    return x, y, (x[train] - mean) / scale, y[train], (x[test] - mean) / scale, y[test]


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def numpy_epochs(hidden, data, epochs):
    _, _, xtr, ytr, xte, yte = data
    rng = np.random.RandomState(0)
    sizes = [xtr.shape[1]] + hidden + [1]
    params = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        params += [glorot(rng, a, b), np.zeros(b)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    t = 0

    def forward(x):
        acts = [x]
        for k in range(0, len(params) - 2, 2):
            acts.append(np.maximum(acts[-1] @ params[k] + params[k + 1], 0))
        return acts, (acts[-1] @ params[-2] + params[-1])[:, 0]

    def measure(x, y):
        z = forward(x)[1]
        loss = (np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))).mean()
        return loss, ((z > 0) == (y == 1)).mean()

    times = []
    n = len(ytr)
    for _ in range(epochs):
        start = time.process_time()
        order = rng.permutation(n)
        for s in range(0, n, 32):
            rows = order[s:s + 32]
            x, y = xtr[rows], ytr[rows]
            acts, z = forward(x)
            e = np.exp(-np.abs(z))
            d = ((np.where(z >= 0, 1 / (1 + e), e / (1 + e)) - y) / len(rows))[:, None]
            grads = [None] * len(params)
            for k in range(len(params) - 2, -1, -2):
                grads[k], grads[k + 1] = acts[k // 2].T @ d, d.sum(axis=0)
                if k > 0:
                    d = (d @ params[k].T) * (acts[k // 2] > 0)
            t += 1
            alpha = 0.001 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            for p, g, mk, vk in zip(params, grads, m, v):
                mk += (g - mk) * 0.1
                vk += (g * g - vk) * 0.001
                p -= alpha * mk / (np.sqrt(vk) + 1e-7)
        measure(xtr, ytr), measure(xte, yte)
        times.append(time.process_time() - start)
    return times


def torch_epochs(hidden, data, epochs, dtype):
    import torch
    torch.set_num_threads(int(threads_from_argv()))
    _, _, xtr, ytr, xte, yte = data
    torch.manual_seed(0)
    dt = {"f64": torch.float64, "f32": torch.float32}[dtype]
    layers, width = [], xtr.shape[1]
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers.append(torch.nn.Linear(width, 1))
    model = torch.nn.Sequential(*layers).to(dt)
    for mod in model:
        if isinstance(mod, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(mod.weight)
            torch.nn.init.zeros_(mod.bias)
    opt = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    lossf = torch.nn.BCEWithLogitsLoss()
    xtr, ytr = torch.tensor(xtr, dtype=dt), torch.tensor(ytr, dtype=dt)
    xte, yte = torch.tensor(xte, dtype=dt), torch.tensor(yte, dtype=dt)
    times = []
    n = len(ytr)
    for _ in range(epochs):
        start = time.process_time()
        order = torch.randperm(n)
        for s in range(0, n, 32):
            rows = order[s:s + 32]
            opt.zero_grad()
            loss = lossf(model(xtr[rows])[:, 0], ytr[rows])
            loss.backward()
            opt.step()
        with torch.no_grad():
            for x, y in ((xtr, ytr), (xte, yte)):
                z = model(x)[:, 0]
                lossf(z, y).item(), ((z > 0) == (y == 1)).double().mean().item()
        times.append(time.process_time() - start)
    return times


def nnlab_run(nnlab, script):
    def children():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime
    start = children()
    subprocess.run([nnlab], input=script, capture_output=True, text=True, check=True)
    return children() - start


def spread(xs):
    return max(xs) / min(xs) - 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("nnlab")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rows", default=",".join(ROWS))
    ap.add_argument("--no-torch", action="store_true")
    ap.add_argument("--threads", default="1")
    args = ap.parse_args()
    try:
        import torch
        torch_version = None if args.no_torch else torch.__version__
    except ImportError:
        torch_version = None
    model_name = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} cores, {model_name}; numpy {np.__version__}, torch {torch_version or 'not run'}; "
          f"{args.threads} thread(s), CPU time per epoch, median of {args.runs}")
    print("| job | nnlab per epoch | NumPy | PyTorch f64 | PyTorch f32 |")
    print("|---|---|---|---|---|")
    tmp = tempfile.mkdtemp()
    for name in args.rows.split(","):
        hidden, n, d, (short, long), py_epochs = ROWS[name]
        data = make_data(n, d)
        if d == 2:
            source = f"data circles n={n}\n"
        else:
            path = os.path.join(tmp, f"{name}.csv")
            x, y = data[0], data[1]
            with open(path, "w") as f:
                f.write(",".join([f"x{j}" for j in range(d)] + ["label"]) + "\n")
                for row, label in zip(x, y):
                    f.write(",".join(f"{v:.6f}" for v in row) + f",{int(label)}\n")
            source = f"data load file={path}\n"
        model = "model " + " ".join(f"dense{h} relu" for h in hidden) + "\n"
        script = lambda e: source + model + (f"train epochs={e}\n" if e else "")
        frameworks = {"nnlab": [], "numpy": [], "f64": [], "f32": []}
        for _ in range(args.runs):
            frameworks["nnlab"].append((nnlab_run(args.nnlab, script(long)) - nnlab_run(args.nnlab, script(short)))
                                       / (long - short))
            frameworks["numpy"].append(statistics.median(numpy_epochs(hidden, data, py_epochs + 1)[1:]))
            if torch_version:
                for dt in ("f64", "f32"):
                    frameworks[dt].append(statistics.median(torch_epochs(hidden, data, py_epochs + 1, dt)[1:]))
        base = statistics.median(frameworks["nnlab"])
        cells = []
        for key, times in frameworks.items():
            if not times:
                cells.append("not run")
                continue
            med = statistics.median(times)
            ratio = "" if key == "nnlab" else f" ({med / base:.1f}×)"
            cells.append(f"{med * 1e3:.3g} ms{ratio} ±{spread(times):.0%}")
        print(f"| {name}: {' '.join(f'dense{h}' for h in hidden)}, {n} rows × {d} | " + " | ".join(cells) + " |",
              flush=True)


if __name__ == "__main__":
    main()
