"""NumPy peer for the row-wise int8 benchmark.

Reads the generated table that QuantizationBenchmark wrote, quantizes it with vectorised
NumPy using the same math (fp16 bias = min, fp16 scale = (max - bias) / 255, codes rounded
half to even, FBGEMM's fused layout: codes, then fp16 scale, then fp16 bias), checks its
bytes against the Swift output, times quantization and random-batch decode (best of the
same number of repetitions), and prints the Swift / NumPy throughput ratios.

Usage: python3 peer_numpy.py FOLDER
"""
import sys
import time
from pathlib import Path

import numpy as np

CHUNK_ROWS = 16384  # rows per vectorised step, so temporaries stay in cache


def quantize_int8(table: np.ndarray) -> np.ndarray:
    """Returns a new fused buffer, as the Swift method returns a new table."""
    rows, dimension = table.shape
    out = np.empty((rows, dimension + 4), dtype=np.uint8)
    for start in range(0, rows, CHUNK_ROWS):
        x = table[start:start + CHUNK_ROWS]
        minimum = x.min(axis=1)
        maximum = x.max(axis=1)
        bias_half = minimum.astype(np.float16)
        bias = bias_half.astype(np.float32)
        value_range = maximum - bias
        scale = np.where(value_range == 0, np.float32(1), value_range / np.float32(255)).astype(np.float32)
        scale = scale.astype(np.float16).astype(np.float32)
        scale[scale == 0] = 1
        with np.errstate(divide="ignore"):
            inverse = np.float32(1) / scale
        overflow = np.isinf(inverse)
        scale[overflow] = 1
        inverse[overflow] = 1
        codes = np.rint((x - bias[:, None]) * inverse[:, None])
        np.clip(codes, 0, 255, out=codes)
        target = out[start:start + CHUNK_ROWS]
        target[:, :dimension] = codes.astype(np.uint8)
        target[:, dimension:dimension + 2] = scale.astype(np.float16).view(np.uint8).reshape(-1, 2)
        target[:, dimension + 2:] = bias_half.view(np.uint8).reshape(-1, 2)
    return out


def decode_int8(fused: np.ndarray, ids: np.ndarray, dimension: int) -> np.ndarray:
    rows = fused[ids]
    scale = rows[:, dimension:dimension + 2].copy().view(np.float16).astype(np.float32)
    bias = rows[:, dimension + 2:].copy().view(np.float16).astype(np.float32)
    return rows[:, :dimension].astype(np.float32) * scale + bias


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".build/quantization-benchmark")
    results = dict(line.split("=", 1) for line in (folder / "swift-results.txt").read_text().split())
    repetitions = int(results["repetitions"])
    table = np.load(folder / "table.npy", mmap_mode="r")
    table = np.ascontiguousarray(table)
    rows, dimension = table.shape
    best = best_cpu = float("inf")
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        fused = quantize_int8(table)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    numpy_rows_per_second = rows / best

    checked = int(results["checked_rows"])
    swift_bytes = np.fromfile(folder / "int8-rows.bin", dtype=np.uint8).reshape(checked, dimension + 4)
    mismatched = int(np.count_nonzero(np.any(swift_bytes != fused[:checked], axis=1)))

    batch_size, batch_count = int(results["batch_size"]), int(results["batch_count"])
    generator = np.random.default_rng(7)
    ids = generator.integers(0, rows, size=(batch_count, batch_size))
    best_decode = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        for batch in ids:
            decode_int8(fused, batch, dimension)
        best_decode = min(best_decode, time.perf_counter() - start)
    numpy_decode_rows_per_second = ids.size / best_decode

    swift_rows_per_second = float(results["swift_int8_quantize_rows_per_second"])
    swift_decode_rows_per_second = float(results["swift_int8_decode_rows_per_second"])
    print(f"NumPy {np.__version__} peer, same table, 1 thread (NumPy's elementwise operations are single-threaded), best of {repetitions}")
    print(f"  int8-rowwise quantize: {best * 1000:.3g} ms ({best_cpu * 1000:.3g} ms CPU), {numpy_rows_per_second:.3g} rows/s, "
          f"{table.nbytes / best / 1e9:.3g} GB/s of Float32 input")
    print(f"  int8-rowwise batch decode ({batch_count} batches of {batch_size} random rows): "
          f"{numpy_decode_rows_per_second:.3g} rows/s")
    print(f"  fused bytes identical to Swift's: {checked - mismatched} of {checked} rows checked")
    swift_cpu = float(results["swift_int8_quantize_cpu_seconds"])
    print(f"Ratio Swift / NumPy: quantize {swift_rows_per_second / numpy_rows_per_second:.1f}x, "
          f"batch decode {swift_decode_rows_per_second / numpy_decode_rows_per_second:.1f}x "
          f"(quantize CPU time, all threads: NumPy / Swift {best_cpu / swift_cpu:.1f}x)")
    return 0 if mismatched == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
