// Row-wise int8 quantization benchmark on a generated 1,000,000 x 64 Float32 table, plus a
// quality report on the real GloVe 6B 50d table when it is present.
//
// Usage: QuantizationBenchmark [--output FOLDER] [--rows N] [--repetitions R] [--threads T]
//                              [--glove PATH | --no-glove]
// Writes FOLDER/table.npy (the generated table), FOLDER/int8-rows.bin (its fused int8 rows)
// and FOLDER/swift-results.txt (key=value lines) so that peer_numpy.py times the same table,
// checks its bytes against these and prints the ratio.
import Dispatch
import EmbeddingCompression
import Foundation
import Quantization

struct Options {
    var output = URL(fileURLWithPath: ".build/quantization-benchmark")
    var rowCount = 1_000_000
    var dimension = 64
    var repetitions = 10
    var threadCount = ProcessInfo.processInfo.activeProcessorCount
    var batchSize = 4096
    var batchCount = 256
    var glove: URL? = URL(fileURLWithPath: ".data/glove/glove.6B.50d.npy")

    init(arguments: [String]) {
        var index = 1
        func value() -> String {
            index += 1
            guard index < arguments.count else {
                FileHandle.standardError.write(Data("missing value after \(arguments[index - 1])\n".utf8))
                exit(2)
            }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--output": output = URL(fileURLWithPath: value())
            case "--rows": rowCount = Int(value()) ?? rowCount
            case "--repetitions": repetitions = max(1, Int(value()) ?? repetitions)
            case "--threads": threadCount = max(1, Int(value()) ?? threadCount)
            case "--glove": glove = URL(fileURLWithPath: value())
            case "--no-glove": glove = nil
            default:
                FileHandle.standardError.write(Data("unknown option \(arguments[index]); options: --output FOLDER --rows N --repetitions R --threads T --glove PATH --no-glove\n".utf8))
                exit(2)
            }
            index += 1
        }
    }
}

/// Seconds taken by `body`, measured with the monotonic clock.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds used by all threads of the process so far. On a shared machine this shows the
/// work done independently of waiting for a core.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Generates a table: each row is a per-row offset plus normal values with a per-row spread, so
/// row ranges differ as in trained tables. Rows are generated in parallel blocks, each block
/// seeded from the block index, so the table is the same on every run.
func generatedTable(rowCount: Int, dimension: Int, seed: UInt64) throws -> EmbeddingTable {
    let blockRows = 4096
    let blockCount = (rowCount + blockRows - 1) / blockRows
    return try EmbeddingTable(rowCount: rowCount, dimension: dimension) { output in
        let shared = SendablePointer(output.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: blockCount) { block in
            var generator = SplitMix64(seed: seed &+ UInt64(block) &* 0x9E37_79B9_7F4A_7C15)
            for row in (block * blockRows)..<min(rowCount, (block + 1) * blockRows) {
                let offset = 0.1 * generator.nextGaussian()
                let spread = 0.05 + 0.2 * generator.nextUnitDouble()
                for column in 0..<dimension {
                    shared.pointer[row * dimension + column] = Float(offset + spread * generator.nextGaussian())
                }
            }
        }
    }
}

/// A pointer shared with the blocks of `concurrentPerform`; each block writes its own rows.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

func format(_ value: Double) -> String { String(format: "%.3g", value) }

let options = Options(arguments: CommandLine.arguments)
let context = CompressionContext(seed: 42, threadCount: options.threadCount)
try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)

print("Row-wise int8 quantization, generated \(options.rowCount) x \(options.dimension) Float32 table (seeded), \(context.threadCount) threads, best of \(options.repetitions)")
let table = try generatedTable(rowCount: options.rowCount, dimension: options.dimension, seed: 2026)
let inputBytes = Double(table.float32Bytes)

var results: [String: String] = [
    "rows": String(options.rowCount), "dimension": String(options.dimension),
    "threads": String(context.threadCount), "repetitions": String(options.repetitions),
    "batch_size": String(options.batchSize), "batch_count": String(options.batchCount),
]

var quantized: (any CompressedTable)?
for (identifier, method) in [("int8-rowwise", Int8RowwiseQuantizer() as any TableCompressor),
                             ("int4-rowwise", Int4RowwiseQuantizer()), ("int2-rowwise", Int2RowwiseQuantizer())] {
    var best = Double.infinity, bestCPU = Double.infinity
    for _ in 0..<options.repetitions {
        var compressed: (any CompressedTable)?
        let cpuStart = processCPUSeconds()
        let time = try seconds { compressed = try method.compress(table, budgetBytes: Int.max, context: context) }
        bestCPU = min(bestCPU, processCPUSeconds() - cpuStart)
        best = min(best, time)
        if identifier == "int8-rowwise" { quantized = compressed }
    }
    let rowsPerSecond = Double(options.rowCount) / best
    print("  \(identifier) quantize: \(format(best * 1000)) ms (\(format(bestCPU * 1000)) ms CPU), \(format(rowsPerSecond)) rows/s, \(format(inputBytes / best / 1e9)) GB/s of Float32 input")
    let key = identifier.replacingOccurrences(of: "-rowwise", with: "")
    results["swift_\(key)_quantize_seconds"] = String(best)
    results["swift_\(key)_quantize_cpu_seconds"] = String(bestCPU)
    results["swift_\(key)_quantize_rows_per_second"] = String(rowsPerSecond)
}

// Batch decode: `batchCount` batches of `batchSize` uniform random row ids, decoded one batch
// at a time into the same output buffer, as a serving loop would.
let int8 = quantized!
var generator = SplitMix64(seed: 7)
let batchRows = (0..<(options.batchSize * options.batchCount)).map { _ in Int(generator.next() % UInt64(options.rowCount)) }
var output = [Float](repeating: 0, count: options.batchSize * options.dimension)
var bestDecode = Double.infinity, bestDecodeCPU = Double.infinity
for _ in 0..<options.repetitions {
    let cpuStart = processCPUSeconds()
    let time = seconds {
        batchRows.withUnsafeBufferPointer { rows in
            output.withUnsafeMutableBufferPointer { output in
                for batch in 0..<options.batchCount {
                    let ids = UnsafeBufferPointer(rebasing: rows[(batch * options.batchSize)..<((batch + 1) * options.batchSize)])
                    int8.decode(rows: ids, into: output)
                }
            }
        }
    }
    bestDecode = min(bestDecode, time)
    bestDecodeCPU = min(bestDecodeCPU, processCPUSeconds() - cpuStart)
}
let decodedRowCount = Double(batchRows.count)
let decodeRowsPerSecond = decodedRowCount / bestDecode
print("  int8-rowwise batch decode (\(options.batchCount) batches of \(options.batchSize) random rows): \(format(bestDecode * 1000)) ms (\(format(bestDecodeCPU * 1000)) ms CPU), \(format(decodeRowsPerSecond)) rows/s, \(format(decodedRowCount * Double(options.dimension) * 4 / bestDecode / 1e9)) GB/s of Float32 output")
results["swift_int8_decode_rows_per_second"] = String(decodeRowsPerSecond)
results["swift_int8_footprint_bytes"] = String(int8.footprintBytes)

// Files for the numpy peer: the table itself and the first rows of the fused int8 buffer.
try NpyFile.write(table, to: options.output.appendingPathComponent("table.npy"))
if let rowwise = int8 as? RowwiseQuantizedTable {
    let checkedRows = min(options.rowCount, 100_000)
    let bytes = Data(rowwise.fusedRows[0..<(checkedRows * rowwise.rowStride)])
    try bytes.write(to: options.output.appendingPathComponent("int8-rows.bin"), options: .atomic)
    results["checked_rows"] = String(checkedRows)
}
let resultText = results.keys.sorted().map { "\($0)=\(results[$0]!)" }.joined(separator: "\n") + "\n"
try Data(resultText.utf8).write(to: options.output.appendingPathComponent("swift-results.txt"), options: .atomic)

// Quality on real data: GloVe 6B 50d, every method at the budget that fits it.
if let glove = options.glove, FileManager.default.fileExists(atPath: glove.path) {
    let words = try NpyFile.read(glove)
    print("\nGloVe 6B 50d (real data, \(words.rowCount) x \(words.dimension)): mean cosine and relative MSE of decoded rows")
    let original = words.values()
    let methods: [(String, any TableCompressor, Int)] = [
        ("fp16", Float16Compressor(), Int.max),
        ("int8-rowwise", Int8RowwiseQuantizer(), Int.max),
        ("int4-rowwise", Int4RowwiseQuantizer(), Int.max),
        ("int2-rowwise", Int2RowwiseQuantizer(), Int.max),
        ("pq (budget 1/16)", ProductQuantizer(), words.float32Bytes / 16),
    ]
    for (name, method, budget) in methods {
        var compressed: (any CompressedTable)!
        let time = try seconds { compressed = try method.compress(words, budgetBytes: budget, context: context) }
        let decoded = try compressed.decodeAll().values()
        var cosineSum = 0.0, errorSum = 0.0, normSum = 0.0
        for row in 0..<words.rowCount {
            var dot = 0.0, left = 0.0, right = 0.0
            for column in 0..<words.dimension {
                let a = Double(original[row * words.dimension + column]), b = Double(decoded[row * words.dimension + column])
                dot += a * b; left += a * a; right += b * b
                errorSum += (a - b) * (a - b)
            }
            normSum += left
            cosineSum += left > 0 && right > 0 ? dot / (left * right).squareRoot() : (left == right ? 1 : 0)
        }
        let meanCosine = cosineSum / Double(words.rowCount)
        let ratio = Double(words.float32Bytes) / Double(compressed.footprintBytes)
        print("  \(name): mean cosine \(String(format: "%.6f", meanCosine)), relative MSE \(String(format: "%.3e", errorSum / normSum)), footprint \(compressed.footprintBytes) B (\(String(format: "%.2f", ratio))x smaller), parameters \(compressed.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")), compress \(format(time)) s")
    }
}
