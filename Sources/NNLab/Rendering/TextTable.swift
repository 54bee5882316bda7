/// Columns padded to their widest cell. The first column is left-aligned; the others are
/// right-aligned for numbers (`numeric`) or left-aligned for prose. Numbers in one column share one
/// format: percentages get the same decimals ("58.0%" beside "49.4%"), and in numeric tables decimal
/// points line up.
enum TextTable {
    static func render(_ rows: [[String]], numeric: Bool = true) -> String {
        let rows = oneFormatPerColumn(rows, alignPoints: numeric)
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { j in rows.map { j < $0.count ? $0[j].count : 0 }.max()! }
        return rows.map { row in
            row.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 || !numeric ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    /// The digits after the point of a plain decimal ("-12.35" → 2, "58" → 0), nil for anything else.
    static func decimals(_ text: Substring) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return parts.count == 2 ? parts[1].count : 0
    }

    /// Percentages padded with zeros to the most decimals in their column; with `alignPoints`, plain decimals
    /// padded with spaces on the right so their points line up. Other cells (headers, "-", "8/40") are left alone.
    static func oneFormatPerColumn(_ rows: [[String]], alignPoints: Bool) -> [[String]] {
        var rows = rows
        for j in 1..<max(1, rows.map(\.count).max() ?? 0) {
            let cells = rows.indices.filter { j < rows[$0].count }
            let percents = cells.compactMap { i in rows[i][j].hasSuffix("%") ? decimals(rows[i][j].dropLast()).map { (i, $0) } : nil }
            if let most = percents.map(\.1).max(), most > 0 {
                for (i, d) in percents where d < most {
                    rows[i][j] = String(rows[i][j].dropLast()) + (d == 0 ? "." : "") + String(repeating: "0", count: most - d) + "%"
                }
            }
            guard alignPoints else { continue }
            let plain = cells.compactMap { i in decimals(rows[i][j][...]).map { (i, $0) } }
            if let most = plain.map(\.1).max(), most > 0 {
                for (i, d) in plain where d < most { rows[i][j] += String(repeating: " ", count: most - d + (d == 0 ? 1 : 0)) }
            }
        }
        return rows
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
