#!/usr/bin/env python3
"""nnlab's label-noise finding against cleanlab's find_label_issues, on the same training rows.

For every built-in kind at flip rates 0.05-0.30 (five data seeds each) nnlab generates the data
(`data KIND flip=F seed=S`), writes it out (`export data`) and diagnoses it; cleanlab gets the
same training rows, standardised, with out-of-fold probabilities from k-NN (k = 15, 5-fold), the
baseline issue 12 names. Loaded CSVs are measured too: a 10-feature linear set with 8% flips and
2-50 features sets with 10% flips (the extra features are noise). The truth is the flipped rows
(`data info format=json` for built-in sets, the file's writer here for CSVs). Prints mean F1 per
kind and flip rate for both, and the number of suspects on clean data.

    python3 -m venv /work/venv-truth && /work/venv-truth/bin/pip install cleanlab scikit-learn
    /work/venv-truth/bin/python Benchmarks/label_noise_vs_cleanlab.py [path/to/nnlab]

(`swift build -c release --product nnlab` first; the default binary is .build/release/nnlab.)
"""
import csv, json, os, subprocess, sys, tempfile

import numpy as np
from cleanlab.filter import find_label_issues
from sklearn.model_selection import cross_val_predict
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

NNLAB = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".build", "release", "nnlab"))
SEEDS = [1, 2, 3, 4, 5]
KINDS = ["circles", "moons", "spiral", "xor", "blobs", "gauss"]
FLIPS = [0.05, 0.1, 0.2, 0.3]


def nnlab(lines, folder):
    """Runs the lines through nnlab; returns each line's output (nnlab echoes nothing when piped)."""
    out = subprocess.run([NNLAB], input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=folder)
    return out.stdout


def nnlab_suspects(out):
    for line in out.splitlines():
        if line.startswith('{"budget"') or line.startswith('{"findings"'):
            report = json.loads(line)
            for f in report["findings"]:
                if f["id"] == "label-noise":
                    return set(f["points"])
            return set()
    raise RuntimeError("no diagnose JSON in nnlab's output:\n" + out[-2000:])


def cleanlab_suspects(x, y, rows):
    """cleanlab on the training rows: kNN-15 out-of-fold probabilities on standardised features."""
    xs = StandardScaler().fit_transform(x)
    probs = cross_val_predict(KNeighborsClassifier(n_neighbors=15), xs, y, cv=5, method="predict_proba")
    issues = find_label_issues(labels=y, pred_probs=probs)
    return {rows[i] for i in np.flatnonzero(issues)}


def f1(found, truth):
    if not found and not truth:
        return 1.0
    return 2 * len(found & truth) / (len(found) + len(truth))


def read_export(path):
    with open(path) as f:
        table = list(csv.DictReader(f))
    train = [r for r in table if r["split"] == "train"]
    features = [k for k in table[0] if k.startswith("x")]
    x = np.array([[float(r[k]) for k in features] for r in train])
    y = np.array([int(float(r["label"])) for r in train])
    return x, y, [int(r["index"]) for r in train]


def builtin(kind, flip, seed, folder):
    data = f"data {kind} seed={seed}" + (f" flip={flip}" if flip else "")
    out = nnlab([data, "data info format=json", "export data file=rows.csv", "model linear", "train epochs=1",
                 "diagnose format=json"], folder)
    info = next(json.loads(l) for l in out.splitlines() if l.startswith("{") and '"flipped"' in l)
    truth = set(info.get("flipped", []))
    x, y, rows = read_export(os.path.join(folder, "rows.csv"))
    return f1(nnlab_suspects(out), truth), f1(cleanlab_suspects(x, y, rows), truth), len(nnlab_suspects(out))


def loaded(features, flip, seed, folder, informative=2, band=False):
    """A linear boundary in the first `informative` features (or, with `band`, class 1 where |x1| > 0.5: a sharp
    deterministic band); the rest noise; `flip` of the training labels flipped."""
    rng = np.random.default_rng(seed)
    n = 400
    x = rng.normal(size=(n, features))
    y = (np.abs(x[:, 0]) > 0.5 if band else x[:, :informative].sum(axis=1) > 0).astype(int)
    split = np.array(["train"] * n)
    split[rng.permutation(n)[: n // 5]] = "test"
    train = np.flatnonzero(split == "train")
    flipped = set(rng.choice(train, size=int(round(flip * len(train))), replace=False).tolist())
    for i in flipped:
        y[i] = 1 - y[i]
    path = os.path.join(folder, "loaded.csv")
    with open(path, "w") as f:
        f.write(",".join([f"f{j + 1}" for j in range(features)] + ["label", "split"]) + "\n")
        for i in range(n):
            f.write(",".join(repr(float(v)) for v in x[i]) + f",{y[i]},{split[i]}\n")
    out = nnlab(["data load file=loaded.csv", "model linear", "train epochs=1", "diagnose format=json"], folder)
    # nnlab's points are row indices of the file (its dataset indices), as are `train`'s.
    ours, theirs = nnlab_suspects(out), cleanlab_suspects(x[train], y[train], train.tolist())
    return f1(ours, flipped), f1(theirs, flipped), len(ours), len(theirs)


def main():
    with tempfile.TemporaryDirectory() as folder:
        print("mean F1 over data seeds %s: nnlab / cleanlab (kNN-15, 5-fold out-of-fold)" % SEEDS)
        print("kind      " + "".join(f"flip {int(100 * r):>2}%        " for r in FLIPS))
        for kind in KINDS:
            line = f"{kind:<10}"
            for flip in FLIPS:
                scores = [builtin(kind, flip, s, folder) for s in SEEDS]
                line += f"{np.mean([s[0] for s in scores]):.2f} / {np.mean([s[1] for s in scores]):.2f}     "
            print(line)
        clean = [builtin(kind, 0, s, folder)[2] for kind in KINDS for s in SEEDS]
        print(f"suspects on clean built-in sets ({len(clean)} sets): nnlab {sum(clean)} in all")
        for features, flip in [(10, 0.08), (2, 0.05), (2, 0.1), (2, 0.2), (5, 0.1), (10, 0.2), (20, 0.1), (50, 0.1)]:
            scores = [loaded(features, flip, s, folder) for s in SEEDS]
            print(f"loaded, {features} features, flip {int(100 * flip)}%: "
                  f"nnlab {np.mean([s[0] for s in scores]):.2f} / cleanlab {np.mean([s[1] for s in scores]):.2f}")
        for features, band in [(2, False), (10, False), (2, True), (6, True)]:
            counts = [loaded(features, 0, s, folder, band=band)[2:] for s in SEEDS]
            print(f"loaded, clean {'band |x1| > 0.5' if band else 'line'} in {features} features: suspects "
                  f"nnlab {sum(c[0] for c in counts)} / cleanlab {sum(c[1] for c in counts)} over {len(SEEDS)} sets")


if __name__ == "__main__":
    main()
