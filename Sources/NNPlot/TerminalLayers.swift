/// What goes inside the plot area, back to front: regions (or paper), the marker line, curves, points.
extension TerminalRenderer {
    func drawPlotArea(_ canvas: inout Canvas, curves: [UInt8]) {
        for j in 0..<height {
            for i in 0..<width { canvas[left + i, top + j] = background(i, j) }
        }
        if let marker = figure.marker {
            let c = column(marker.x)
            for j in 0..<height where curves[j * width + c - left] == 0 {
                canvas[c, top + j] = Canvas.Cell(char: glyphs.markerLine, style: markerStyle)
            }
        }
        for j in 0..<height {
            for i in 0..<width where curves[j * width + i] != 0 {
                let bits = curves[j * width + i]
                let char = bits == 3 ? Glyphs.bothCurves : Glyphs.curve(bits == 1 ? .train : .test)
                canvas[left + i, top + j] = Canvas.Cell(char: char, style: style(forCurves: bits))
            }
        }
        for p in figure.pointsInDrawingOrder {
            let x = column(p.x), y = row(p.y)
            canvas[x, y] = Canvas.Cell(char: Glyphs.point(p), style: pointStyle(p, background: centerColour(x - left, y - top)))
        }
    }

    /// A region cell: in plain text `·` where the model says class 0 and blank where it says 1;
    /// in colour two half-cells (`▀` over its background), doubling the vertical resolution.
    /// Maps without a model get pale paper in colour, so the dark point colours read on any terminal.
    private func background(_ i: Int, _ j: Int) -> Canvas.Cell {
        guard color, figure.equalAspect else {
            guard let grid = figure.regions else { return Canvas.Cell() }
            return Canvas.Cell(char: grid.value(fx: fx(i), fy: fy(j)) < 0.5 ? glyphs.region0 : " ")
        }
        guard let grid = figure.regions, unicode else { return Canvas.Cell(style: Style(bg: centerColour(i, j))) }
        let quarter = 0.25 / Double(height)
        let upper = Palette.region(grid.value(fx: fx(i), fy: fy(j) + quarter))
        let lower = Palette.region(grid.value(fx: fx(i), fy: fy(j) - quarter))
        return upper == lower ? Canvas.Cell(style: Style(bg: lower)) : Canvas.Cell(char: "▀", style: Style(fg: upper, bg: lower))
    }

    private func centerColour(_ i: Int, _ j: Int) -> Colour {
        figure.regions.map { Palette.region($0.value(fx: fx(i), fy: fy(j))) } ?? Palette.paper
    }

    private func fx(_ i: Int) -> Double { (Double(i) + 0.5) / Double(width) }
    private func fy(_ j: Int) -> Double { 1 - (Double(j) + 0.5) / Double(height) }

    /// Points are bold in their class colour; a misclassified one is inverted (white on its class colour),
    /// a highlighted one sits on yellow.
    func pointStyle(_ p: PlotPoint, background: Colour) -> Style {
        let ink = Palette.point(p.label)
        if p.highlighted { return Style(fg: ink, bg: Palette.highlight, bold: true) }
        if p.wrong { return Style(fg: Palette.white, bg: ink, bold: true) }
        return Style(fg: ink, bg: background, bold: true)
    }

    func style(forCurves bits: UInt8) -> Style {
        Style(fg: bits == 3 ? Palette.bothSeries : Palette.series(bits == 1 ? .train : .test), bold: true)
    }

    var markerStyle: Style { Style(fg: Palette.marker) }

    /// The plot cells each curve passes through, row-major: bit 1 for train, bit 2 for test.
    /// Each segment between epochs is walked column by column, filling the rows it crosses there,
    /// so a curve stays connected however many epochs share a column.
    func curveCells() -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: width * height)
        for s in figure.series {
            let bit: UInt8 = s.role == .train ? 1 : 2
            var previous: (x: Double, y: Double)?
            for (xv, yv) in zip(s.x, s.y) {
                let fy = figure.y.fraction(yv)
                guard yv.isFinite, fy.isFinite else { previous = nil; continue }
                let b = (x: figure.x.fraction(xv) * Double(width), y: (1 - fy) * Double(height))
                let a = previous ?? b
                let (lo, hi) = a.x <= b.x ? (a, b) : (b, a)
                for c in Self.cellIndex(lo.x / Double(width), width)...Self.cellIndex(hi.x / Double(width), width) {
                    let x0 = max(lo.x, Double(c)), x1 = min(hi.x, Double(c + 1))
                    let y0 = hi.x > lo.x ? lo.y + (hi.y - lo.y) * (x0 - lo.x) / (hi.x - lo.x) : lo.y
                    let y1 = hi.x > lo.x ? lo.y + (hi.y - lo.y) * (x1 - lo.x) / (hi.x - lo.x) : hi.y
                    let r0 = Self.cellIndex(min(y0, y1) / Double(height), height)
                    let r1 = Self.cellIndex(max(y0, y1) / Double(height), height)
                    for r in r0...r1 { mask[r * width + c] |= bit }
                }
                previous = b
            }
        }
        return mask
    }
}
