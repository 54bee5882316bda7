extension Figure {
    /// The figure as text: lines joined by "\n", no trailing newline, none wider than `options.columns`.
    public func terminal(_ options: TerminalOptions) -> String {
        TerminalRenderer(self, options).render()
    }
}

/// Lays a figure out on a character canvas: a header, the plot area inside its axes,
/// tick labels, the legend. What goes inside the plot area is in TerminalLayers.swift.
struct TerminalRenderer {
    static let mapRows = 22, chartRows = 16

    let figure: Figure
    let color: Bool
    let unicode: Bool
    let glyphs: Glyphs
    let columns: Int
    /// The plot area is the cells [left, left + width) × [top, top + height); axes and frame sit around it.
    let left, top, width, height: Int
    /// Maps get a closed frame, so a blank (class 1) region still has an edge.
    let boxed: Bool
    /// About one y label every three rows.
    let yTickCount: Int

    init(_ figure: Figure, _ options: TerminalOptions) {
        self.figure = figure
        color = options.color
        unicode = options.unicode
        glyphs = options.unicode ? .unicode : .ascii
        columns = max(30, options.columns)
        boxed = figure.equalAspect
        top = boxed ? 2 : 1
        // Within `options.rows`: the header, frame, tick labels, x title and legend take the rest.
        let chrome = (boxed ? 2 : 1) + 3 + figure.legend.count + 1
        let fit = options.rows.map { max(8, $0 - chrome) } ?? Int.max
        let rows = min(boxed ? Self.mapRows : Self.chartRows, fit)
        yTickCount = rows / 3
        left = (figure.y.ticks(count: yTickCount).map { Axis.label($0).count }.max() ?? 0) + 2
        let available = columns - left - (boxed ? 1 : 0)
        if figure.equalAspect {
            // A cell is about twice as tall as it is wide, so a data unit spans twice as many columns as rows.
            let ratio = min(max(figure.x.halfSpan / figure.y.halfSpan, 1.0 / 3), 3)
            let wanted = Int((2 * Double(rows) * ratio).rounded())
            width = min(wanted, available)
            height = wanted <= available ? rows : max(8, Int((Double(width) / (2 * ratio)).rounded()))
        } else {
            width = available - 1  // leaves room for the last x label
            height = rows
        }
    }

    func render() -> String {
        let curves = CurveRaster(figure, width: width, height: height, unicode: unicode)
        let xLabels = placedXLabels()
        let labelsEnd = xLabels.map { $0.start + $0.text.count }.max() ?? 0
        let xTitle = figure.x.title
        let xTitleStart = max(labelsEnd + 2, left + width + 2)
        let xTitleOwnRow = xTitleStart + xTitle.count > columns
        let legend = legendLines(curvesShareCells: !unicode && curves.curvesShareACell)
        let labelRow = top + height + 1
        var canvas = Canvas(width: columns, height: labelRow + 1 + (xTitleOwnRow ? 1 : 0) + legend.count)

        drawHeader(&canvas)
        drawPlotArea(&canvas, curves: curves)
        drawFrame(&canvas, xTickColumns: xLabels.map(\.column))
        for label in xLabels { canvas.write(label.text, x: label.start, y: labelRow) }
        if xTitleOwnRow {
            canvas.write(xTitle, x: max(0, left + (width - xTitle.count) / 2), y: labelRow + 1)
        } else {
            canvas.write(xTitle, x: xTitleStart, y: labelRow)
        }
        for (i, line) in legend.enumerated() {
            var x = 0
            for cell in line { canvas[x, canvas.height - legend.count + i] = cell; x += 1 }
        }
        return canvas.lines(color: color).joined(separator: "\n")
    }

    // MARK: Cells

    /// The cell index of fraction `f` across `n` cells, clamped to the edges (non-finite included).
    static func cellIndex(_ f: Double, _ n: Int) -> Int {
        let v = f * Double(n)
        guard !v.isNaN else { return 0 }
        return Int(min(max(v, 0), Double(n - 1)).rounded(.down))
    }

    func column(_ x: Double) -> Int { left + Self.cellIndex(figure.x.fraction(x), width) }
    func row(_ y: Double) -> Int { top + height - 1 - Self.cellIndex(figure.y.fraction(y), height) }

    // MARK: Around the plot

    private func drawHeader(_ canvas: inout Canvas) {
        let yTitle = figure.y.title + (figure.y.scale == .log ? " (log scale)" : "")
        canvas.write(yTitle, x: 0, y: 0)
        var start = max(left + (width - figure.title.count) / 2, yTitle.isEmpty ? 0 : yTitle.count + 2)
        var title = figure.title
        if start + title.count > columns {
            start = yTitle.count + 2
            if start + title.count > columns { title = String(title.prefix(max(0, columns - start - glyphs.ellipsis.count))) + glyphs.ellipsis }
        }
        canvas.write(title, x: start, y: 0)
    }

    private func drawFrame(_ canvas: inout Canvas, xTickColumns: [Int]) {
        let g = glyphs, bottom = top + height, right = left + width
        for r in top..<bottom {
            canvas.write(String(g.vertical), x: left - 1, y: r)
            if boxed { canvas.write(String(g.vertical), x: right, y: r) }
        }
        // Labelled rows need a blank row between them.
        let yTicks = figure.y.fittingTicks(count: yTickCount) { ticks in
            let rows = ticks.map(row).sorted()
            return zip(rows, rows.dropFirst()).allSatisfy { $1 - $0 >= 2 }
        }
        for v in yTicks {
            let text = Axis.label(v)
            canvas.write(text, x: left - 2 - text.count, y: row(v))
            canvas.write(String(g.leftTick), x: left - 1, y: row(v))
        }
        if boxed {
            canvas.write(String(g.topLeft) + String(repeating: g.horizontal, count: width) + String(g.topRight), x: left - 1, y: top - 1)
        }
        canvas.write(String(g.bottomLeft) + String(repeating: g.horizontal, count: width) + (boxed ? String(g.bottomRight) : ""),
                     x: left - 1, y: bottom)
        for c in xTickColumns { canvas.write(String(g.bottomTick), x: c, y: bottom) }
    }

    /// X tick labels centred under their ticks, kept apart by at least one blank: the most evenly spaced ticks that fit.
    private func placedXLabels() -> [(column: Int, start: Int, text: String)] {
        func placed(_ ticks: [Double]) -> [(column: Int, start: Int, text: String)] {
            ticks.map { v in
                let text = Axis.label(v), c = column(v)
                return (c, min(max(c - (text.count - 1) / 2, 0), columns - text.count), text)
            }.sorted { $0.start < $1.start }
        }
        let ticks = figure.x.fittingTicks(count: max(2, width / 6)) { ticks in
            let labels = placed(ticks)
            return zip(labels, labels.dropFirst()).allSatisfy { $0.start + $0.text.count + 1 <= $1.start }
        }
        return placed(ticks)
    }

    // MARK: Legend

    /// Legend entries as swatch-and-words items, each group on fresh lines, wrapped to the width.
    private func legendLines(curvesShareCells: Bool) -> [[Canvas.Cell]] {
        var lines: [[Canvas.Cell]] = []
        for group in figure.legend {
            var items = group.map { entry in
                let sample = swatch(entry)
                return sample + (sample.isEmpty ? [] : [Canvas.Cell()]) + entry.text(shaded: color).map { Canvas.Cell(char: $0) }
            }
            if curvesShareCells, case .series? = group.first {  // after the curves' own entries
                items.insert([Canvas.Cell(char: Glyphs.bothCurves, style: style(forCurves: 3))] + (figure.series.count == 2 ? " both" : " shared").map { Canvas.Cell(char: $0) },
                             at: figure.series.count)
            }
            var line: [Canvas.Cell] = []
            for item in items {
                if !line.isEmpty, line.count + 2 + item.count > columns {
                    lines.append(line)
                    line = []
                }
                line += (line.isEmpty ? [] : [Canvas.Cell(), Canvas.Cell()]) + item
            }
            lines.append(line)
        }
        return lines
    }

    private func swatch(_ entry: LegendEntry) -> [Canvas.Cell] {
        func cells(_ text: String, _ style: Style = Style()) -> [Canvas.Cell] { text.map { Canvas.Cell(char: $0, style: style) } }
        func sample(_ p: PlotPoint) -> [Canvas.Cell] { cells(String(glyph(p)), pointStyle(p, background: Palette.paper)) }
        let k = figure.classNames?.count ?? 2
        switch entry {
        case .points(let label), .classPoints(let label, _): return sample(PlotPoint(index: 0, x: 0, y: 0, label: label, isTest: false))
        case .testPoints where k > 2:
            return (0..<k).map { sample(PlotPoint(index: 0, x: 0, y: 0, label: $0, isTest: true)) }.joined(separator: [Canvas.Cell()]).map { $0 }
        case .classWrong:  // inverted letters in colour; in plain text the words say how to spot them
            guard color else { return [] }
            return (0..<k).map { sample(PlotPoint(index: 0, x: 0, y: 0, label: $0, isTest: false, wrong: true)) }
                .joined(separator: [Canvas.Cell()]).map { $0 }
        case .classRegion(let label, _):
            guard color else {
                let texture = ClassStyle.texture(label, unicode: unicode)
                return cells(texture == " " ? "(blank)" : String(texture))
            }
            return [Canvas.Cell(style: Style(bg: ClassStyle.region(label))), Canvas.Cell(style: Style(bg: ClassStyle.region(label)))]
        case .testPoints:
            return sample(PlotPoint(index: 0, x: 0, y: 0, label: 0, isTest: true)) + [Canvas.Cell()]
                + sample(PlotPoint(index: 0, x: 0, y: 0, label: 1, isTest: true))
        case .wrong:  // as in the plot, in the order of the entries before it: class 0, class 1, then their test points
            let tests = figure.points.contains(where: \.isTest) ? [true] : []
            return ([false] + tests).flatMap { test in [0, 1].map { PlotPoint(index: 0, x: 0, y: 0, label: $0, isTest: test, wrong: true) } }
                .map(sample).joined(separator: [Canvas.Cell()]).map { $0 }
        case .highlighted: return cells("@", Style(fg: Palette.ink, bg: Palette.highlight, bold: true))
        case .region(let label):
            guard color else { return cells(label == 0 ? String(glyphs.region0) : "(blank)") }
            let shades = Palette.regionShades(label)
            return [Canvas.Cell(style: Style(bg: Palette.region(shades.deep))), Canvas.Cell(style: Style(bg: Palette.region(shades.pale)))]
        case .series(let role, _):
            return cells(unicode ? Glyphs.curveSample(role) : String(Glyphs.curve(role)), style(forCurves: UInt8(1) << role.style))
        case .band(let role, _): return cells(String(Glyphs.rangeBar(role, unicode: unicode)), Style(fg: Palette.series(role)))
        case .marker: return cells(String(glyphs.markerLine), markerStyle)
        case .chance: return cells(String(repeating: glyphs.levelLine, count: 2), markerStyle)
        }
    }
}
