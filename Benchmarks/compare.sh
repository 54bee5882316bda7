#!/usr/bin/env bash
# Whole processes side by side, start-up included: nnlab (release build) against the
# hand-written NumPy MLP doing the same work (same data, model, Adam, batch 32, a fresh
# shuffle and both splits measured every epoch), the same MLP training only
# (--no-measure), and the post's Keras model.fit when keras imports. hyperfine prints
# each command's mean, range and the ratios.
#
#   Benchmarks/compare.sh [RUNS]          (or: make bench-compare)
#
# SCRATCH is the build folder (default .build); PYTHON picks the Python with NumPy (default python3), KERAS_PYTHON the one with Keras
# (default $PYTHON); EPOCHS lists the run lengths (default "500 5000"); Keras, at about
# 28 s per 500 epochs, runs twice and only for 500 epochs unless KERAS_EPOCHS says more.
# Then the arithmetic floor's rate (Benchmarks/peak.c, needs clang: the Swift toolchain has
# one) and the scaling table of issue 20 (Benchmarks/scaling.py: CPU time per epoch of wide,
# deep and large jobs against NumPy and, when TORCH_PYTHON imports torch, PyTorch; SCALING_RUNS
# alternated runs, default 3). PyTorch CPU-only, without the 5 GB of CUDA the default wheel
# brings: python3 -m venv /tmp/venv-torch && /tmp/venv-torch/bin/pip install numpy torch
# --index-url https://download.pytorch.org/whl/cpu, then TORCH_PYTHON=/tmp/venv-torch/bin/python.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
python=${PYTHON:-python3}
keras_python=${KERAS_PYTHON:-$python}
epochs_list=${EPOCHS:-500 5000}
keras_epochs=${KERAS_EPOCHS:-500}

command -v hyperfine >/dev/null || { echo "compare.sh needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
"$python" -c 'import numpy' || { echo "compare.sh needs numpy for $python: pip install numpy" >&2; exit 1; }
scratch=${SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product nnlab >/dev/null
nnlab=$PWD/$scratch/release/nnlab
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "numpy $("$python" -c 'import numpy; print(numpy.__version__)'), $("$python" --version 2>&1)"

printf 'data circles\nmodel dense16 relu\n' > "$tmp/start.nnlab"
printf 'data circles\nmodel linear\ntrain epochs=500\ndiagnose verify\n' > "$tmp/verify.nnlab"
echo; echo "== start-up: nnlab to its prompt (and out at end of input), with data and a model, python3 importing numpy"
hyperfine -w 3 -r "$runs" -n "nnlab" "$nnlab < /dev/null" -n "nnlab data + model" "$nnlab < $tmp/start.nnlab" \
    -n "python3 import numpy" "$python -c 'import numpy'"

echo; echo "== diagnose verify on Example 1 (5 seeds × each fix) against one NumPy training of 500 epochs"
hyperfine -w 1 -r "$runs" -n "nnlab diagnose verify" "$nnlab < $tmp/verify.nnlab" \
    -n "numpy 500 epochs" "$python Benchmarks/numpy_mlp.py --epochs 500"

for epochs in $epochs_list; do
    printf 'data circles\nmodel dense16 relu\ntrain epochs=%s\n' "$epochs" > "$tmp/ex2-$epochs.nnlab"
    echo; echo "== Example 2, $epochs epochs, whole process"
    "$nnlab" < "$tmp/ex2-$epochs.nnlab" | tail -1 | sed 's/^/nnlab: /'
    "$python" Benchmarks/numpy_mlp.py --epochs "$epochs" | sed 's/^/numpy: /'
    set -- -n "nnlab" "$nnlab < $tmp/ex2-$epochs.nnlab" \
           -n "numpy" "$python Benchmarks/numpy_mlp.py --epochs $epochs" \
           -n "numpy, training only" "$python Benchmarks/numpy_mlp.py --epochs $epochs --no-measure"
    hyperfine -w 1 -r "$runs" "$@"
done

if "$keras_python" -c 'import keras' 2>/dev/null; then
    for epochs in $keras_epochs; do
        echo; echo "== Keras model.fit, $epochs epochs (2 runs), against nnlab"
        printf 'data circles\nmodel dense16 relu\ntrain epochs=%s\n' "$epochs" > "$tmp/keras-$epochs.nnlab"
        hyperfine -r 2 -n "nnlab" "$nnlab < $tmp/keras-$epochs.nnlab" \
            -n "keras" "cd Benchmarks && $keras_python keras_mlp.py --epochs $epochs"
    done
else
    echo; echo "Keras: not importable with $keras_python; set KERAS_PYTHON to a Python with keras to add it"
fi

echo; echo "== the arithmetic floor's rate: multiplies and adds per second on registers (Benchmarks/peak.c)"
if command -v clang >/dev/null && clang -O2 -o "$tmp/peak" Benchmarks/peak.c; then "$tmp/peak"; else echo "peak: needs clang"; fi

torch_python=${TORCH_PYTHON:-$python}
echo; echo "== scaling: CPU time per epoch, one thread each (Benchmarks/scaling.py)"
"$torch_python" -c 'import torch' 2>/dev/null || echo "PyTorch: not importable with $torch_python; set TORCH_PYTHON to add it"
"$torch_python" Benchmarks/scaling.py "$nnlab" --runs "${SCALING_RUNS:-3}"
