import CTR
import EmbeddingCompression
import Foundation

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "ctr-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the folder and returns the file's path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A generated click log: fields `a` (12 values) and `b` (8 values), single-valued, and `tags`
/// (5 values, 1 to 3 per sample, multi-valued). The click probability is the sigmoid of a
/// per-value score of `a` and `b` plus an `a`-`b` interaction, so a model can learn it.
func generatedClickLog(sampleCount: Int, seed: UInt64 = 7) -> ClickLog {
    var generator = SplitMix64(seed: seed)
    var log = ClickLog(source: "generated", fieldNames: ["a", "b", "tags"], isMultiValued: [false, false, true])
    for _ in 0..<sampleCount {
        let a = Int(generator.next() % 12)
        let b = Int(generator.next() % 8)
        log.appendToken("a\(a)", field: 0)
        log.appendToken("b\(b)", field: 1)
        let tagCount = 1 + Int(generator.next() % 3)
        for tag in 0..<tagCount { log.appendToken("t\((a + tag) % 5)", field: 2) }
        let score = Double(a % 4) - 1.5 + Double(b % 3) - 1 + ((a + b) % 2 == 0 ? 1.0 : -1.0)
        let probability = 1 / (1 + exp(-score))
        log.finishSample(label: generator.nextUnitDouble() < probability ? 1 : 0)
    }
    return log
}
