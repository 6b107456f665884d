/// A compressed table that answers nearest-neighbour queries itself, for codes whose decoded
/// rows are not an approximation of the original vectors (binary codes searched by Hamming
/// distance). The evaluator's neighbours task uses this instead of decoding when present.
public protocol NeighbourSearchable: CompressedTable {
    /// Whether `decode` approximates the original vectors. When false the evaluator reports
    /// no reconstruction metrics for this table.
    var decodesToApproximation: Bool { get }

    /// The `k` nearest rows of the table for each query row of the same table, excluding the
    /// query row itself, nearest first.
    /// - Parameter reranking: when given, the float table used to re-rank a shortlist with the
    ///   float query (asymmetric distance); nil for pure code search.
    func nearestNeighbours(ofRows queryRows: [Int], k: Int, reranking: EmbeddingTable?) -> [[Int]]
}
