/// How a terminal cell is coloured; the plain renderer ignores it.
struct Style: Equatable {
    var fg: Colour?
    var bg: Colour?
    var bold = false
}

/// A grid of one-column characters with styles: the terminal renderer draws here,
/// then asks for lines with or without ANSI colour.
struct Canvas {
    struct Cell: Equatable {
        var char: Character = " "
        var style = Style()
    }

    let width: Int
    let height: Int
    private var cells: [Cell]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Cell(), count: width * height)
    }

    subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, x < width, y >= 0, y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from column `x`, clipped at the right edge.
    mutating func write(_ text: String, x: Int, y: Int, style: Style = Style()) {
        for (i, c) in text.enumerated() where x + i < width { self[x + i, y] = Cell(char: c, style: style) }
    }

    /// One string per row with no trailing blanks. With `color`, SGR codes change only where the style
    /// changes and every row ends reset, so rows can be printed or cut independently.
    func lines(color: Bool) -> [String] {
        (0..<height).map { y in
            let row = cells[(y * width)..<((y + 1) * width)]
            let end = row.lastIndex(where: { $0.char != " " || (color && $0.style.bg != nil) }).map { $0 + 1 } ?? row.startIndex
            var line = "", current = Style()
            for cell in row[row.startIndex..<end] {
                if color, cell.style != current {
                    line += Canvas.sgr(cell.style)
                    current = cell.style
                }
                line.append(cell.char)
            }
            if current != Style() { line += Canvas.sgr(Style()) }
            return line
        }
    }

    private static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if let fg = style.fg { codes.append("38;5;\(fg.ansi)") }
        if let bg = style.bg { codes.append("48;5;\(bg.ansi)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
