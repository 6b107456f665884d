/// One result of a sweep: one table x method x budget, with every metric that its tasks measured.
/// Metrics a task did not measure are nil and print as empty cells.
public struct SweepRow: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Compressed, measured, footprint within budget.
        case ok
        /// The method returned a table whose footprint exceeds the budget: a bug in the method.
        case overBudget = "over_budget"
        /// No setting of the method fits the budget.
        case infeasible
        /// The method or a task failed; `message` says why.
        case error
    }

    public var table: String
    public var method: String
    /// Chosen settings, `key=value` pairs joined by `;`.
    public var parameters: String
    /// The budget as given on the command line, for example `1/8`.
    public var budgetLabel: String
    public var budgetBytes: Int
    public var footprintBytes: Int?
    /// Float32 bytes divided by footprint bytes.
    public var ratio: Double?
    /// Bytes of the container file written with the sweep's codec.
    public var fileBytes: Int?
    public var compressSeconds: Double?
    public var decodeRowsPerSecond: Double?
    public var relativeMSE: Double?
    public var meanCosine: Double?
    public var recallAt10: Double?
    /// Recall@10 after re-ranking a code-search shortlist with the float query (binary codes).
    public var recallAt10Reranked: Double?
    public var wordsimSpearman: Double?
    public var analogyAccuracy: Double?
    public var auc: Double?
    public var logloss: Double?
    public var precisionAt10: Double?
    public var precisionAt100: Double?
    public var meanAveragePrecision: Double?
    public var status: Status
    /// Why a row is not ok; empty for ok rows.
    public var message: String

    public init(table: String, method: String, parameters: String = "", budgetLabel: String,
                budgetBytes: Int, status: Status = .ok, message: String = "") {
        self.table = table
        self.method = method
        self.parameters = parameters
        self.budgetLabel = budgetLabel
        self.budgetBytes = budgetBytes
        self.status = status
        self.message = message
    }

    /// Column names in CSV and JSON order.
    public static let columnNames = [
        "table", "method", "parameters", "budget", "budget_bytes", "footprint_bytes", "ratio",
        "file_bytes", "compress_seconds", "decode_rows_per_second", "relative_mse", "mean_cosine",
        "recall_at_10", "recall_at_10_reranked", "wordsim_spearman", "analogy_accuracy", "auc",
        "logloss", "precision_at_10", "precision_at_100", "map", "status", "message",
    ]

    enum CodingKeys: String, CodingKey {
        case table, method, parameters
        case budgetLabel = "budget"
        case budgetBytes = "budget_bytes"
        case footprintBytes = "footprint_bytes"
        case ratio
        case fileBytes = "file_bytes"
        case compressSeconds = "compress_seconds"
        case decodeRowsPerSecond = "decode_rows_per_second"
        case relativeMSE = "relative_mse"
        case meanCosine = "mean_cosine"
        case recallAt10 = "recall_at_10"
        case recallAt10Reranked = "recall_at_10_reranked"
        case wordsimSpearman = "wordsim_spearman"
        case analogyAccuracy = "analogy_accuracy"
        case auc, logloss
        case precisionAt10 = "precision_at_10"
        case precisionAt100 = "precision_at_100"
        case meanAveragePrecision = "map"
        case status, message
    }
}
