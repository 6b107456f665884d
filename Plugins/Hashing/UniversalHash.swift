import EmbeddingCompression

/// A seeded hash `h(x) = (a * x + b) mod p` from the Carter-Wegman universal family, with the
/// Mersenne prime `p = 2^61 - 1`. For two distinct keys below `p`, the chance over the choice of
/// `a` and `b` that `h(x) mod k` collides is at most about `1 / k`.
///
/// Serving needs `a` and `b`, so every table that hashes stores them as two UInt64 values
/// (`byteCount` bytes) and counts them in its footprint.
public struct UniversalHash: Sendable, Equatable {
    /// The Mersenne prime `2^61 - 1`.
    public static let prime: UInt64 = (1 << 61) - 1
    /// Serving bytes of one hash function: `a` and `b` as UInt64.
    public static let byteCount = 16

    /// `a`, in `1..<prime`.
    public let multiplier: UInt64
    /// `b`, in `0..<prime`.
    public let increment: UInt64

    /// Creates the hash `(multiplier * x + increment) mod p`.
    /// - Throws: `HashingError.invalidHashParameters` when `multiplier` is not in `1..<p` or
    ///   `increment` is not in `0..<p`.
    public init(multiplier: UInt64, increment: UInt64) throws {
        guard multiplier >= 1, multiplier < Self.prime, increment < Self.prime else {
            throw HashingError.invalidHashParameters(multiplier: multiplier, increment: increment)
        }
        self.multiplier = multiplier
        self.increment = increment
    }

    /// Draws `a` uniformly from `1..<p` and `b` from `0..<p` with `generator`.
    public init(generator: inout SplitMix64) {
        // Reducing 64 random bits modulo a 61-bit range leaves a small bias toward low values,
        // which does not matter for spreading keys over buckets.
        multiplier = 1 + generator.next() % (Self.prime - 1)
        increment = generator.next() % Self.prime
    }

    /// Returns `(a * key + b) mod p`.
    /// - Precondition: `key < p`.
    @inline(__always)
    public func hash(_ key: UInt64) -> UInt64 {
        // a * key < 2^122 fits in 128 bits. Because 2^61 = 1 (mod p), a value splits into
        // its low 61 bits plus the bits above them, which folds it below 2^62.
        let (high, low) = multiplier.multipliedFullWidth(by: key)
        var value = (low & Self.prime) &+ ((low >> 61) | (high << 3))
        value = Self.fold(value) &+ increment
        return Self.fold(value)
    }

    /// Returns the bucket `h(key) mod bucketCount`, in `0..<bucketCount`.
    @inline(__always)
    public func bucket(_ key: UInt64, bucketCount: Int) -> Int {
        Int(hash(key) % UInt64(bucketCount))
    }

    /// Reduces a value below `2^62` to `0..<p`.
    @inline(__always)
    static func fold(_ value: UInt64) -> UInt64 {
        let folded = (value & prime) &+ (value >> 61)
        return folded >= prime ? folded - prime : folded
    }
}

extension UniversalHash {
    /// Flattens hashes to `[a0, b0, a1, b1, ...]` for a `hash-parameters` section.
    public static func flatten(_ hashes: [UniversalHash]) -> [UInt64] {
        hashes.flatMap { [$0.multiplier, $0.increment] }
    }

    /// Rebuilds hashes from `[a0, b0, a1, b1, ...]`.
    /// - Throws: `HashingError.invalidHashParameters` for values outside their ranges, and
    ///   `HashingError.invalidSection` when the count is odd.
    public static func unflatten(_ values: [UInt64], method: String) throws -> [UniversalHash] {
        guard values.count % 2 == 0 else {
            throw HashingError.invalidSection(
                method: method, section: "hash-parameters",
                reason: "contains \(values.count) values; expected pairs (a, b)")
        }
        return try stride(from: 0, to: values.count, by: 2).map {
            try UniversalHash(multiplier: values[$0], increment: values[$0 + 1])
        }
    }

    /// Makes the `hash-parameters` section for `hashes`.
    public static func section(_ hashes: [UniversalHash]) -> ContainerSection {
        ContainerSection(name: "hash-parameters", elementType: .uint64, values: flatten(hashes))
    }
}
