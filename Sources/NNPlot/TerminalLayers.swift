/// What goes inside the plot area, back to front: regions (or paper), the chance and marker lines, range bars,
/// curves, points.
extension TerminalRenderer {
    func drawPlotArea(_ canvas: inout Canvas, curves: CurveRaster) {
        for j in 0..<height {
            for i in 0..<width { canvas[left + i, top + j] = background(i, j) }
        }
        if let chance = figure.chanceLoss, (0...1).contains(figure.y.fraction(chance)) {
            let r = row(chance)
            for i in 0..<width where curves.roles(i, r - top) == 0 {
                canvas[left + i, r] = Canvas.Cell(char: glyphs.levelLine, style: markerStyle)
            }
        }
        if let marker = figure.marker {
            let c = column(marker.x)
            for j in 0..<height where curves.roles(c - left, j) == 0 {
                canvas[c, top + j] = Canvas.Cell(char: glyphs.markerLine, style: markerStyle)
            }
        }
        drawRangeBars(&canvas)
        for j in 0..<height {
            for i in 0..<width where curves.roles(i, j) != 0 { canvas[left + i, top + j] = curveCell(curves, i, j) }
        }
        for p in figure.pointsInDrawingOrder {
            let x = column(p.x), y = row(p.y)
            canvas[x, y] = Canvas.Cell(char: glyph(p), style: pointStyle(p, background: centerColour(x - left, y - top)))
        }
    }

    /// Each band as a bar per x value from its low to its high row, one column left of the point for train
    /// (and a first run), one right for test, so two ranges that overlap stay apart; a curve through a cell hides it.
    private func drawRangeBars(_ canvas: inout Canvas) {
        for band in figure.bands {
            let style = Style(fg: Palette.series(band.role))
            for (x, (low, high)) in zip(band.x, zip(band.low, band.high)) where low.isFinite && high.isFinite {
                let c = min(max(column(x) + (band.role.style % 2 == 0 ? -1 : 1), left), left + width - 1)
                for r in row(high)...row(low) {
                    canvas[c, r] = Canvas.Cell(char: Glyphs.rangeBar(band.role, unicode: unicode), style: style)
                }
            }
        }
    }

    /// A region cell: in plain text `·` where the model says class 0 and blank where it says 1 (with three or more
    /// classes, each class's texture); in colour two half-cells (`▀` over its background), doubling the vertical
    /// resolution. Maps without a model get pale paper in colour, so the dark point colours read on any terminal.
    private func background(_ i: Int, _ j: Int) -> Canvas.Cell {
        guard color, figure.equalAspect else {
            if let classes = figure.classRegions {
                return Canvas.Cell(char: ClassStyle.texture(classes.winner(fx: fx(i), fy: fy(j)), unicode: unicode))
            }
            guard let grid = figure.regions else { return Canvas.Cell() }
            return Canvas.Cell(char: grid.value(fx: fx(i), fy: fy(j)) < 0.5 ? glyphs.region0 : " ")
        }
        guard figure.regions != nil || figure.classRegions != nil, unicode else { return Canvas.Cell(style: Style(bg: centerColour(i, j))) }
        let quarter = 0.25 / Double(height)
        let upper = regionColour(fx: fx(i), fy: fy(j) + quarter) ?? Palette.paper
        let lower = regionColour(fx: fx(i), fy: fy(j) - quarter) ?? Palette.paper
        return upper == lower ? Canvas.Cell(style: Style(bg: lower)) : Canvas.Cell(char: "▀", style: Style(fg: upper, bg: lower))
    }

    private func centerColour(_ i: Int, _ j: Int) -> Colour { regionColour(fx: fx(i), fy: fy(j)) ?? Palette.paper }

    /// The region's colour at a place: shaded by P(class 1) for two classes, the winning class's tint for more.
    private func regionColour(fx: Double, fy: Double) -> Colour? {
        if let classes = figure.classRegions { return ClassStyle.region(classes.winner(fx: fx, fy: fy)) }
        return figure.regions.map { Palette.region($0.value(fx: fx, fy: fy)) }
    }

    private func fx(_ i: Int) -> Double { (Double(i) + 0.5) / Double(width) }
    private func fy(_ j: Int) -> Double { 1 - (Double(j) + 0.5) / Double(height) }

    /// A point's character: `o`/`x` for two classes (`Glyphs.point`), a letter per class for more (`ClassStyle.glyph`).
    func glyph(_ p: PlotPoint) -> Character { figure.classNames == nil ? Glyphs.point(p) : ClassStyle.glyph(p) }

    /// Points are bold in their class colour; a misclassified one is inverted (white on its class colour),
    /// a highlighted one sits on green.
    func pointStyle(_ p: PlotPoint, background: Colour) -> Style {
        let ink = figure.classNames == nil ? Palette.point(p.label) : ClassStyle.point(p.label)
        if p.highlighted { return Style(fg: ink, bg: Palette.highlight, bold: true) }
        if p.wrong { return Style(fg: Palette.white, bg: ink, bold: true) }
        return Style(fg: ink, bg: background, bold: true)
    }

    /// One curve's colour, or the shared colour where several meet (ASCII).
    func style(forCurves bits: UInt8) -> Style {
        Style(fg: bits.nonzeroBitCount > 1 ? Palette.bothSeries : Palette.series(style: bits.trailingZeroBitCount), bold: true)
    }

    /// A cell the curves pass through. With Unicode the train curve is a thin line of Braille dots and the
    /// test curve a thick line of half blocks, so the two differ without colour too and each gets two (test)
    /// or four (train) steps of height per row. Where both pass, the train dots win (a thick test line hid a
    /// thin train line entirely at lr=8), on the test colour when in colour. In ASCII: `*` train, `+` test, `#` both.
    private func curveCell(_ curves: CurveRaster, _ i: Int, _ j: Int) -> Canvas.Cell {
        let roles = curves.roles(i, j)
        guard unicode else {
            return Canvas.Cell(char: roles.nonzeroBitCount > 1 ? Glyphs.bothCurves : Glyphs.curve(.run(roles.trailingZeroBitCount)),
                               style: style(forCurves: roles))
        }
        // Runs three and four (dots, crosses) over the rest; then the test blocks and the train line as in a loss chart.
        for s in [3, 2] where roles & (1 << s) != 0 {
            return Canvas.Cell(char: Glyphs.curveMark(s), style: style(forCurves: 1 << s))
        }
        switch roles {
        case 2: return Canvas.Cell(char: curves.halfBlock(i, j, .test) ?? " ", style: style(forCurves: 2))
        case 3:
            var shared = style(forCurves: 1)
            shared.bg = Palette.series(.test)
            return Canvas.Cell(char: curves.braille(i, j, .train), style: shared)
        default: return Canvas.Cell(char: curves.braille(i, j, .train), style: style(forCurves: 1))
        }
    }

    var markerStyle: Style { Style(fg: Palette.marker) }
}
