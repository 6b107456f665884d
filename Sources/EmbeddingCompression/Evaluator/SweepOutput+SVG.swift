import Foundation

extension SweepOutput {
    /// A standalone SVG chart of quality against footprint: one panel per table and quality
    /// column that has data, footprint bytes on a log-scale x axis, one colored series per
    /// method (joined in footprint order) and a shared legend. Only `ok` rows are plotted; rows
    /// with a zero footprint appear as dashed horizontal reference lines.
    public static func svgChart(rows: [SweepRow], qualityColumns: [String]) -> String {
        let plotted = rows.filter { $0.status == .ok && $0.footprintBytes != nil }
        var tables: [String] = []
        var methods: [String] = []
        for row in plotted {
            if !tables.contains(row.table) { tables.append(row.table) }
            if !methods.contains(row.method) { methods.append(row.method) }
        }
        // Each table starts a new line of panels, one panel per quality column with data.
        var panelsByTable: [[String]] = []
        for table in tables {
            panelsByTable.append(qualityColumns.filter { column in
                plotted.contains { $0.table == table && $0.cell(column).numericValue != nil }
            })
        }
        let panelWidth = 420.0, panelHeight = 300.0
        let columnsPerLine = max(1, min(4, panelsByTable.map(\.count).max() ?? 1))
        var panels: [(table: String, column: String, line: Int, position: Int)] = []
        var line = 0
        for (table, columns) in zip(tables, panelsByTable) where !columns.isEmpty {
            for (index, column) in columns.enumerated() {
                panels.append((table, column, line + index / columnsPerLine, index % columnsPerLine))
            }
            line += (columns.count + columnsPerLine - 1) / columnsPerLine
        }
        let legendHeight = 28.0 + 18.0 * Double((methods.count + 3) / 4)
        let width = panelWidth * Double(columnsPerLine)
        let height = legendHeight + panelHeight * Double(max(line, 1))

        var svg = SVGWriter(width: width, height: height)
        svg.text("Quality against footprint (ok rows only)", x: 12, y: 20, size: 14, weight: "bold")
        for (index, method) in methods.enumerated() {
            let x = 12 + Double(index % 4) * (width - 24) / 4
            let y = 40 + Double(index / 4) * 18
            svg.rectangle(x: x, y: y - 9, width: 12, height: 10, fill: color(index))
            svg.text(method, x: x + 18, y: y, size: 12)
        }
        if panels.isEmpty {
            svg.text("No ok rows with quality metrics to plot.", x: 12, y: legendHeight + 20, size: 12)
        }
        for panel in panels {
            let originX = Double(panel.position) * panelWidth
            let originY = legendHeight + Double(panel.line) * panelHeight
            var points: [(method: String, x: Double, y: Double)] = []
            var references: [(method: String, y: Double)] = []
            for row in plotted where row.table == panel.table {
                guard let footprint = row.footprintBytes, let value = row.cell(panel.column).numericValue,
                      value.isFinite
                else { continue }
                // A zero footprint (a model without embeddings) has no place on a log axis, so
                // it is drawn as a dashed reference line across the panel.
                if footprint > 0 {
                    points.append((row.method, Double(footprint), value))
                } else {
                    references.append((row.method, value))
                }
            }
            drawPanel(
                into: &svg, title: "\(panel.table): \(panel.column)", yLabel: panel.column,
                points: points, references: references, methods: methods,
                frame: (originX, originY, panelWidth, panelHeight))
        }
        return svg.finish()
    }

    /// Draws one panel: frame, log-x and linear-y ticks, axis labels and one series per method.
    private static func drawPanel(
        into svg: inout SVGWriter, title: String, yLabel: String,
        points: [(method: String, x: Double, y: Double)], references: [(method: String, y: Double)],
        methods: [String], frame: (x: Double, y: Double, width: Double, height: Double)
    ) {
        let left = frame.x + 62, right = frame.x + frame.width - 30
        let top = frame.y + 30, bottom = frame.y + frame.height - 48
        svg.text(title, x: frame.x + 12, y: frame.y + 18, size: 12, weight: "bold")
        svg.rectangle(x: left, y: top, width: right - left, height: bottom - top, fill: "none", stroke: "#444")

        // Log-scale x: whole decades around the data, widened when all points share one value.
        var minimumX = log10(points.map(\.x).min() ?? 1), maximumX = log10(points.map(\.x).max() ?? 10)
        minimumX = minimumX.rounded(.down)
        maximumX = max(maximumX.rounded(.up), minimumX + 1)
        let allY = points.map(\.y) + references.map(\.y)
        var minimumY = allY.min() ?? 0, maximumY = allY.max() ?? 1
        if maximumY - minimumY < 1e-12 {
            minimumY -= 0.5
            maximumY += 0.5
        }
        let margin = (maximumY - minimumY) * 0.05
        minimumY -= margin
        maximumY += margin
        func screenX(_ value: Double) -> Double { left + (log10(value) - minimumX) / (maximumX - minimumX) * (right - left) }
        func screenY(_ value: Double) -> Double { bottom - (value - minimumY) / (maximumY - minimumY) * (bottom - top) }

        for decade in Int(minimumX)...Int(maximumX) {
            let x = screenX(pow(10, Double(decade)))
            svg.line(x1: x, y1: bottom, x2: x, y2: top, stroke: "#ddd")
            svg.text(byteLabel(decade: decade), x: x, y: bottom + 14, size: 10, anchor: "middle")
        }
        for step in 0...4 {
            let value = minimumY + (maximumY - minimumY) * Double(step) / 4
            let y = screenY(value)
            svg.line(x1: left, y1: y, x2: right, y2: y, stroke: "#eee")
            svg.text(String(format: "%.3g", value), x: left - 4, y: y + 3, size: 10, anchor: "end")
        }
        svg.text("footprint (bytes, log scale)", x: (left + right) / 2, y: bottom + 32, size: 11, anchor: "middle")
        svg.text(yLabel, x: frame.x + 14, y: (top + bottom) / 2, size: 11, anchor: "middle", rotate: true)

        for reference in references {
            let index = methods.firstIndex(of: reference.method) ?? 0
            svg.dashedLine(x1: left, y1: screenY(reference.y), x2: right, y2: screenY(reference.y), stroke: color(index))
        }
        for (index, method) in methods.enumerated() {
            let series = points.filter { $0.method == method }.sorted { $0.x < $1.x }
            guard !series.isEmpty else { continue }
            let coordinates = series.map { (screenX($0.x), screenY($0.y)) }
            if coordinates.count > 1 { svg.polyline(coordinates, stroke: color(index)) }
            for (x, y) in coordinates { svg.circle(x: x, y: y, radius: 3, fill: color(index)) }
        }
    }

    /// `1 KB`-style label for 10^decade bytes (powers of ten, not of 1,024).
    private static func byteLabel(decade: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        guard decade >= 0 else { return "1e\(decade) B" }
        let unit = min(decade / 3, units.count - 1)
        let mantissa = Int(pow(10, Double(decade - unit * 3)))
        return "\(mantissa) \(units[unit])"
    }

    /// Colors of the series, from the Tableau 20 palette (pairs of a strong and a light tone),
    /// repeating after twenty methods.
    private static func color(_ index: Int) -> String {
        let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                       "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#79706e",
                       "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#499894",
                       "#86bcb6", "#d37295", "#fabfd2", "#d4a6c8", "#bab0ac"]
        return palette[index % palette.count]
    }
}

/// Accumulates SVG elements; every text goes through XML escaping.
struct SVGWriter {
    private var body: [String] = []
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: String = "start",
        weight: String = "normal", rotate: Bool = false
    ) {
        let transform = rotate ? " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" : ""
        body.append("<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\"\(transform)>\(Self.escape(content))</text>")
    }

    mutating func rectangle(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String = "none") {
        body.append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String) {
        body.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\"/>")
    }

    mutating func dashedLine(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String) {
        body.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        body.append("<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>")
    }

    func finish() -> String {
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        return header + body.joined(separator: "\n") + "\n</svg>\n"
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
