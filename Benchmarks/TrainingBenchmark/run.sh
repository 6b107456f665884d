#!/usr/bin/env bash
# Trains the full-table FM and DeepFM on MovieLens-100k with the Swift trainer and with the
# PyTorch peer on the same split and hyper-parameters, and prints both test AUCs and training
# samples per second. PyTorch runs with 2 threads and, for reference, with 1 thread, because
# its OpenMP threads spin while waiting and lose badly when the 2 cores are busy with other
# work. Creates a virtual environment with torch and numpy in .build/torch-venv
# the first time (pip pulls several GB of CUDA wheels; they run on the CPU).
# Extra arguments (--epochs, --batch-size, --learning-rate, --dimension) go to both trainers.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.build/torch-venv
if ! "$venv/bin/python" -c "import torch, numpy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet torch numpy
fi
if [ ! -s "${EMBCOMPRESS_DATA:-.data}/movielens/ml-100k.inter" ]; then
    scripts/fetch-data.sh movielens
fi

swift build -c release --product TrainingBenchmark
echo "== Swift (release build, 2 threads)"
.build/release/TrainingBenchmark --split-folder .build/ctr-split "$@"
echo "== PyTorch $("$venv/bin/python" -c 'import torch; print(torch.__version__)') (CPU)"
for threads in 2 1; do
    for model in fm deepfm; do
        "$venv/bin/python" Benchmarks/TrainingBenchmark/peer_torch.py .build/ctr-split --model "$model" --threads "$threads" "$@"
    done
done
