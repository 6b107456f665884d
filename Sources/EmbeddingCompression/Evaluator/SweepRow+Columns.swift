/// One cell of a result row, typed so each writer can format it its own way.
public enum SweepCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// A metric the row's tasks did not measure: an empty CSV cell, JSON null.
    case missing

    /// The cell as a number for charts, or nil for text and missing cells.
    public var numericValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value.isFinite ? value : nil
        case .text, .missing: return nil
        }
    }
}

extension SweepRow {
    /// The cell of `column`, a name from `SweepRow.columnNames`.
    /// - Precondition: `column` is one of `SweepRow.columnNames`.
    public func cell(_ column: String) -> SweepCell {
        func number(_ value: Double?) -> SweepCell { value.map(SweepCell.number) ?? .missing }
        func integer(_ value: Int?) -> SweepCell { value.map(SweepCell.integer) ?? .missing }
        switch column {
        case "table": return .text(table)
        case "method": return .text(method)
        case "parameters": return .text(parameters)
        case "budget": return .text(budgetLabel)
        case "budget_bytes": return .integer(budgetBytes)
        case "footprint_bytes": return integer(footprintBytes)
        case "ratio": return number(ratio)
        case "file_bytes": return integer(fileBytes)
        case "compress_seconds": return number(compressSeconds)
        case "decode_rows_per_second": return number(decodeRowsPerSecond)
        case "relative_mse": return number(relativeMSE)
        case "mean_cosine": return number(meanCosine)
        case "recall_at_10": return number(recallAt10)
        case "recall_at_10_reranked": return number(recallAt10Reranked)
        case "wordsim_spearman": return number(wordsimSpearman)
        case "analogy_accuracy": return number(analogyAccuracy)
        case "auc": return number(auc)
        case "logloss": return number(logloss)
        case "precision_at_10": return number(precisionAt10)
        case "precision_at_100": return number(precisionAt100)
        case "map": return number(meanAveragePrecision)
        case "status": return .text(status.rawValue)
        case "message": return .text(message)
        default: preconditionFailure("unknown sweep column '\(column)'; columns: \(SweepRow.columnNames.joined(separator: ", "))")
        }
    }
}
