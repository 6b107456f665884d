"""Peer for HammingBenchmark: faiss IndexBinaryFlat top-k over the same code file.

Reads the file written by `HammingBenchmark generate`: database codes, then query codes, each
ceil(bits / 64) little-endian UInt64 words. faiss reads them as bytes, which gives the same
Hamming distances. Searches with the given thread count and prints queries per second.
With --swift-results it checks that faiss finds the same k distances for every query (rows may
differ between tied codes, because faiss does not fix an order for ties).
"""
import argparse
import time

import faiss
import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--bits", type=int, required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--queries", type=int, required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--swift-results")
    args = parser.parse_args()

    code_bytes = (args.bits + 63) // 64 * 8
    raw = np.fromfile(args.input, dtype=np.uint8)
    expected = (args.rows + args.queries) * code_bytes
    if raw.size != expected:
        raise SystemExit(f"{args.input} has {raw.size} bytes; expected {expected}")
    codes = raw.reshape(args.rows + args.queries, code_bytes)
    database, queries = codes[: args.rows], codes[args.rows :]

    faiss.omp_set_num_threads(args.threads)
    index = faiss.IndexBinaryFlat(code_bytes * 8)
    index.add(database)
    distances, _ = index.search(queries, args.k)
    timings = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        distances, _ = index.search(queries, args.k)
        timings.append(time.perf_counter() - start)
    best = min(timings)
    median = sorted(timings)[len(timings) // 2]
    print(
        f"faiss {faiss.__version__} bits={args.bits} rows={args.rows} queries={args.queries} threads={args.threads} "
        f"k={args.k} best_seconds={best:.4f} median_seconds={median:.4f} queries_per_second={args.queries / best:.1f}"
    )
    if args.swift_results:
        swift = np.loadtxt(args.swift_results, dtype=np.int64).reshape(args.queries, args.k)
        mismatches = int((swift != distances).any(axis=1).sum())
        print(f"distance check: {mismatches} of {args.queries} queries differ from BinaryCodes")
        if mismatches:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
