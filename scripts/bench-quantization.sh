#!/usr/bin/env bash
# Builds the row-wise quantization benchmark in release mode, runs it and its NumPy peer on
# the same generated table in the same run, and prints the Swift / NumPy ratios.
# Usage: scripts/bench-quantization.sh [QuantizationBenchmark options]
# Lives outside Benchmarks/QuantizationBenchmark so that SwiftPM does not treat it as a source.
set -euo pipefail
cd "$(dirname "$0")/.."

output=.build/quantization-benchmark
swift build -c release --product QuantizationBenchmark
.build/release/QuantizationBenchmark --output "$output" "$@"

# The peer needs NumPy: use the system python3's when it has one, otherwise a virtual
# environment under .build (ignored by git) with the version the results were taken with.
python=python3
if ! python3 -c 'import numpy' 2>/dev/null; then
    if [ ! -x .build/peer-venv/bin/python ]; then
        python3 -m venv .build/peer-venv
        .build/peer-venv/bin/pip install --quiet numpy==2.4.6
    fi
    python=.build/peer-venv/bin/python
fi
echo
"$python" Benchmarks/QuantizationBenchmark/peer_numpy.py "$output"
