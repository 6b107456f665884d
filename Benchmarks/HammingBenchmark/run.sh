#!/usr/bin/env bash
# Hamming top-10 over 400,000 generated codes for 1,000 queries, 64 and 128 bits, 2 threads:
# BinaryCodes' HammingSearch against faiss-cpu 1.15.1 IndexBinaryFlat on the same code file.
# Creates a Python virtual environment under .build/ for faiss on first use.
# Usage: Benchmarks/HammingBenchmark/run.sh [threads]
set -euo pipefail
cd "$(dirname "$0")/../.."

threads="${1:-2}"
rows=400000
queries=1000
work=.build/hamming-benchmark
venv=.build/faiss-venv
mkdir -p "$work"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "faiss-cpu==1.15.1" numpy
fi

swift build -c release --product HammingBenchmark >&2
binary=.build/release/HammingBenchmark

for bits in 64 128; do
    codes="$work/codes-$bits.bin"
    "$binary" generate --bits "$bits" --rows "$rows" --queries "$queries" --seed 1 --output "$codes"
    ours=$("$binary" search --input "$codes" --bits "$bits" --rows "$rows" --queries "$queries" --threads "$threads" --k 10 --repeats 10 \
        --results "$work/results-$bits.txt")
    peer=$("$venv/bin/python" Benchmarks/HammingBenchmark/peer_faiss.py --input "$codes" --bits "$bits" \
        --rows "$rows" --queries "$queries" --threads "$threads" --k 10 --repeats 10 --swift-results "$work/results-$bits.txt")
    echo "$ours"
    echo "$peer"
    ours_qps=$(echo "$ours" | sed -n 's/.*queries_per_second=\([0-9.]*\).*/\1/p')
    peer_qps=$(echo "$peer" | sed -n '1s/.*queries_per_second=\([0-9.]*\).*/\1/p')
    python3 -c "print(f'bits=$bits ratio binarycodes/faiss = {$ours_qps / $peer_qps:.2f}')"
done
