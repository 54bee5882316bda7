/// Columns padded to their widest cell. The first column is left-aligned; the others are
/// right-aligned for numbers (`numeric`) or left-aligned for prose.
enum TextTable {
    static func render(_ rows: [[String]], numeric: Bool = true) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { j in rows.map { j < $0.count ? $0[j].count : 0 }.max()! }
        return rows.map { row in
            row.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 || !numeric ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
