// Hamming top-10 throughput of BinaryCodes' search over generated codes, compared in run.sh
// with faiss's IndexBinaryFlat on the same file.
//
//   HammingBenchmark generate --bits B --rows N --queries Q --seed S --output FILE
//   HammingBenchmark search --bits B --rows N --queries Q --input FILE --threads T --k K
//       [--repeats R] [--results FILE]
//
// Code file layout (little-endian, no header): the N database codes, then the Q query codes,
// each ceil(B / 64) UInt64 words. The data is generated: uniform random bits from SplitMix64.
import BinaryCodes
import EmbeddingCompression
import Foundation

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func integerOption(_ name: String, in arguments: [String], default value: Int? = nil) throws -> Int {
    if let text = option(name, in: arguments) {
        guard let number = Int(text), number > 0 else { throw BenchmarkError(description: "--\(name) '\(text)' is not a positive integer") }
        return number
    }
    guard let value else { throw BenchmarkError(description: "--\(name) is required") }
    return value
}

func generate(_ arguments: [String]) throws {
    let bits = try integerOption("bits", in: arguments)
    let rows = try integerOption("rows", in: arguments)
    let queries = try integerOption("queries", in: arguments)
    let seed = UInt64(try integerOption("seed", in: arguments, default: 1))
    guard let output = option("output", in: arguments) else { throw BenchmarkError(description: "--output is required") }
    let words = (bits + 63) / 64
    var generator = SplitMix64(seed: seed)
    let tailMask: UInt64 = bits % 64 == 0 ? .max : (UInt64(1) << UInt64(bits % 64)) - 1
    var values = [UInt64](repeating: 0, count: (rows + queries) * words)
    for index in values.indices {
        values[index] = generator.next() & (index % words == words - 1 ? tailMask : .max)
    }
    let url = URL(fileURLWithPath: output)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
    try values.withUnsafeBytes { Data($0) }.write(to: temporary)
    guard rename(temporary.path, url.path) == 0 else {
        throw BenchmarkError(description: "cannot rename \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))")
    }
}

func search(_ arguments: [String]) throws {
    let bits = try integerOption("bits", in: arguments)
    let rows = try integerOption("rows", in: arguments)
    let queryCount = try integerOption("queries", in: arguments)
    let threads = try integerOption("threads", in: arguments, default: 2)
    let k = try integerOption("k", in: arguments, default: 10)
    let repeats = try integerOption("repeats", in: arguments, default: 5)
    guard let input = option("input", in: arguments) else { throw BenchmarkError(description: "--input is required") }
    let words = (bits + 63) / 64
    let data = try Data(contentsOf: URL(fileURLWithPath: input))
    guard data.count == (rows + queryCount) * words * 8 else {
        throw BenchmarkError(description: "\(input) has \(data.count) bytes; \(rows) + \(queryCount) codes of \(bits) bits need \((rows + queryCount) * words * 8)")
    }
    let values = data.withUnsafeBytes { Array($0.bindMemory(to: UInt64.self)) }
    let database = try PackedBinaryCodes(rowCount: rows, bitCount: bits, words: Array(values[0..<(rows * words)]))
    let queries = try PackedBinaryCodes(rowCount: queryCount, bitCount: bits, words: Array(values[(rows * words)...]))

    var timings: [Double] = []
    var result = HammingSearch.topK(queries: queries, database: database, k: k, threadCount: threads)
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        result = HammingSearch.topK(queries: queries, database: database, k: k, threadCount: threads)
        timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let best = timings.min()!
    let median = timings.sorted()[timings.count / 2]
    print(String(format: "binarycodes bits=%d rows=%d queries=%d threads=%d k=%d best_seconds=%.4f median_seconds=%.4f queries_per_second=%.1f",
                 bits, rows, queryCount, threads, k, best, median, Double(queryCount) / best))
    if let resultsPath = option("results", in: arguments) {
        // One line per query: the k distances, for the peer script to compare.
        var text = ""
        for query in 0..<queryCount {
            text += result.distances[(query * k)..<((query + 1) * k)].map(String.init).joined(separator: " ") + "\n"
        }
        try text.write(toFile: resultsPath, atomically: true, encoding: .utf8)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "generate": try generate(arguments)
    case "search": try search(arguments)
    default: throw BenchmarkError(description: "usage: HammingBenchmark generate|search [options]; see the comment at the top of main.swift")
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
