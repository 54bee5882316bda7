/// The curves of a chart as dots on a grid finer than the terminal cells: 2 × 4 dots a cell with Unicode
/// (Braille's dots), one a cell in ASCII. Each segment between epochs is walked dot column by dot column,
/// filling the dot rows it crosses there, so a curve stays connected however many epochs share a column
/// (a noisy curve fills the range it swings over).
struct CurveRaster {
    /// Dots across and down one cell.
    let across: Int, down: Int
    /// The plot area in cells.
    let width: Int, height: Int
    /// Per dot, row-major from the top left: bit 1 << style for each curve through it (train 1, test 2).
    private var dots: [UInt8]

    init(_ figure: Figure, width: Int, height: Int, unicode: Bool) {
        (across, down) = unicode ? (2, 4) : (1, 1)
        self.width = width
        self.height = height
        let columns = width * across, rows = height * down
        dots = Array(repeating: 0, count: columns * rows)
        for s in figure.series {
            let bit = UInt8(1) << s.role.style
            var previous: (x: Double, y: Double)?
            for (xv, yv) in zip(s.x, s.y) {
                let fy = figure.y.fraction(yv)
                guard yv.isFinite, fy.isFinite else { previous = nil; continue }
                let b = (x: figure.x.fraction(xv) * Double(columns), y: (1 - fy) * Double(rows))
                let a = previous ?? b
                let (lo, hi) = a.x <= b.x ? (a, b) : (b, a)
                for c in TerminalRenderer.cellIndex(lo.x / Double(columns), columns)...TerminalRenderer.cellIndex(hi.x / Double(columns), columns) {
                    let x0 = max(lo.x, Double(c)), x1 = min(hi.x, Double(c + 1))
                    let y0 = hi.x > lo.x ? lo.y + (hi.y - lo.y) * (x0 - lo.x) / (hi.x - lo.x) : lo.y
                    let y1 = hi.x > lo.x ? lo.y + (hi.y - lo.y) * (x1 - lo.x) / (hi.x - lo.x) : hi.y
                    let r0 = TerminalRenderer.cellIndex(min(y0, y1) / Double(rows), rows)
                    let r1 = TerminalRenderer.cellIndex(max(y0, y1) / Double(rows), rows)
                    for r in r0...r1 { dots[r * columns + c] |= bit }
                }
                previous = b
            }
        }
    }

    /// Which curves pass through cell (i, j), one bit per style: 0 none, 1 train, 2 test, 3 both.
    func roles(_ i: Int, _ j: Int) -> UInt8 {
        var bits: UInt8 = 0
        for dy in 0..<down { for dx in 0..<across { bits |= dot(i, j, dx, dy) } }
        return bits
    }

    var curvesShareACell: Bool {
        (0..<height).contains { j in (0..<width).contains { i in roles(i, j).nonzeroBitCount > 1 } }
    }

    /// The Braille character with the dots of `role` in cell (i, j) raised.
    func braille(_ i: Int, _ j: Int, _ role: Series.Role) -> Character {
        precondition(across == 2 && down == 4, "Braille needs 2 × 4 dots a cell")
        let bit = UInt8(1) << role.style
        // Unicode numbers the dots 1-2-3 down the left column, 4-5-6 down the right, then 7 and 8 along the bottom.
        let weights: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        var code: UInt32 = 0x2800
        for dx in 0..<2 { for dy in 0..<4 where dot(i, j, dx, dy) & bit != 0 { code += weights[dx][dy] } }
        return Character(Unicode.Scalar(code)!)
    }

    /// The half block (upper, lower or full) covering the dots of `role` in cell (i, j); nil if it has none.
    func halfBlock(_ i: Int, _ j: Int, _ role: Series.Role) -> Character? {
        let bit = UInt8(1) << role.style
        func any(_ rows: Range<Int>) -> Bool { rows.contains { dy in (0..<across).contains { dot(i, j, $0, dy) & bit != 0 } } }
        switch (any(0..<(down / 2)), any((down / 2)..<down)) {
        case (true, true): return "█"
        case (true, false): return "▀"
        case (false, true): return "▄"
        case (false, false): return nil
        }
    }

    private func dot(_ i: Int, _ j: Int, _ dx: Int, _ dy: Int) -> UInt8 {
        dots[(j * down + dy) * (width * across) + i * across + dx]
    }
}
