extension UnitMaps {
    /// Panels side by side as many as fit `options.columns` (at least one a row), then the legend,
    /// wrapped to the width. No line is wider than the columns (30 at the least) nor ends in a blank.
    public func terminal(_ options: TerminalOptions) -> String {
        let columns = max(30, options.columns)
        let glyphs: Glyphs = options.unicode ? .unicode : .ascii
        let shades: [Character] = options.unicode ? [" ", "░", "▒", "▓", "█"] : [" ", ".", ":", "*", "#"]
        let mapWidth = Self.panelColumns, mapHeight = Self.panelRows
        let panelWidth = mapWidth + 2, gap = 2
        let perRow = max(1, (columns + gap) / (panelWidth + gap))
        let panelHeight = mapHeight + 4  // two label lines, the frame's top and bottom
        let rows = (panels.count + perRow - 1) / perRow
        let legend = legend.flatMap { wrap($0, columns) }
        var canvas = Canvas(width: columns, height: 1 + rows * (panelHeight + 1) + legend.count)
        canvas.write(String(title.prefix(columns)), x: 0, y: 0)
        for (k, panel) in panels.enumerated() {
            let left = (k % perRow) * (panelWidth + gap), top = 1 + (k / perRow) * (panelHeight + 1) + 1
            let ink = panel.ink
            canvas.write(panel.name, x: left, y: top)
            canvas.write(String(panel.caption.prefix(panelWidth)), x: left, y: top + 1, style: options.color ? Style(fg: ink) : Style())
            let g = glyphs
            canvas.write(String(g.topLeft) + String(repeating: g.horizontal, count: mapWidth) + String(g.topRight), x: left, y: top + 2)
            for j in 0..<mapHeight {
                canvas.write(String(g.vertical), x: left, y: top + 3 + j)
                for i in 0..<mapWidth {
                    let v = panel.shade.value(fx: (Double(i) + 0.5) / Double(mapWidth), fy: 1 - (Double(j) + 0.5) / Double(mapHeight))
                    let level = Swift.min(Int(v * Double(shades.count)), shades.count - 1)
                    canvas[left + 1 + i, top + 3 + j] = Canvas.Cell(char: shades[level], style: options.color ? Style(fg: ink) : Style())
                }
                canvas.write(String(g.vertical), x: left + 1 + mapWidth, y: top + 3 + j)
            }
            canvas.write(String(g.bottomLeft) + String(repeating: g.horizontal, count: mapWidth) + String(g.bottomRight),
                         x: left, y: top + 3 + mapHeight)
        }
        for (i, line) in legend.enumerated() { canvas.write(line, x: 0, y: canvas.height - legend.count + i) }
        return canvas.lines(color: options.color).joined(separator: "\n")
    }

    /// A panel's map in cells: 16 × 8 shows a square plane square (a cell is about twice as tall as wide),
    /// and four panels with their gaps fit 80 columns.
    static let panelColumns = 16, panelRows = 8

    /// Greedy word wrap to `width` columns.
    private func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word.prefix(width)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
