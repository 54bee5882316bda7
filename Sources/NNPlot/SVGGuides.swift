/// The guides around an SVG plot: axes with ticks, labels and titles, and the legend beside it.
extension SVGRenderer {
    static let charWidth = 7.0  // about right for 12–13 px sans-serif digits, to keep labels apart

    func drawAxes(_ w: inout SVGWriter) {
        let bottomY = Self.top + plotHeight
        w.open("g", ["class": "axis x", "font-size": "12", "text-anchor": "middle"])
        func span(_ v: Double) -> (Double, Double) {
            let half = Double(Axis.label(v).count) * Self.charWidth / 2
            return (px(v) - half, px(v) + half)
        }
        // The most evenly spaced ticks whose labels keep 8 px apart.
        let xTicks = figure.x.fittingTicks(count: Int(plotWidth / 70)) { ticks in
            let spans = ticks.map(span).sorted { $0.0 < $1.0 }
            return zip(spans, spans.dropFirst()).allSatisfy { $0.1 + 8 <= $1.0 }
        }
        for v in xTicks {
            let text = Axis.label(v), x = px(v)
            w.element("line", ["x1": n(x), "x2": n(x), "y1": n(bottomY), "y2": n(bottomY + 5), "stroke": "#444444"])
            w.element("text", ["x": n(x), "y": n(bottomY + 19)], text: text)
        }
        w.close("g")
        w.open("g", ["class": "axis y", "font-size": "12", "text-anchor": "end"])
        let yTicks = figure.y.fittingTicks(count: Int(plotHeight / 50)) { ticks in
            let rows = ticks.map(py).sorted()
            return zip(rows, rows.dropFirst()).allSatisfy { $1 - $0 >= 14 }
        }
        for v in yTicks {
            let y = py(v)
            w.element("line", ["x1": n(Self.left - 5), "x2": n(Self.left), "y1": n(y), "y2": n(y), "stroke": "#444444"])
            w.element("text", ["x": n(Self.left - 8), "y": n(y + 4)], text: Axis.label(v))
        }
        w.close("g")
        w.element("text", ["class": "axis-title x", "x": n(Self.left + plotWidth / 2), "y": n(bottomY + 46),
                           "text-anchor": "middle"], text: figure.x.title)
        let middle = Self.top + plotHeight / 2
        w.element("text", ["class": "axis-title y", "x": "18", "y": n(middle), "text-anchor": "middle",
                           "transform": "rotate(-90 18 \(n(middle)))"],
                  text: figure.y.title + (figure.y.scale == .log ? " (log scale)" : ""))
    }

    static let legendLine = 22.0, legendGap = 10.0

    /// The legend's groups; `nil` is the boundary line, which only the SVG draws.
    var legendGroups: [[(text: String, entry: LegendEntry?)]] {
        figure.legend.map { group in
            group.map { ($0.text(shaded: true), $0) } + (group.contains(.region(label: 0)) ? [("boundary (p = 0.5)", nil)] : [])
                + (group.contains { if case .classRegion = $0 { return true } else { return false } }
                    ? [("boundary between two classes", nil)] : [])
        }
    }

    /// How tall the legend is drawn.
    var legendHeight: Double {
        legendGroups.reduce(0) { $0 + Double($1.count) * Self.legendLine + Self.legendGap }
    }

    /// One line per entry: a swatch drawn as in the plot, then its words; a gap between groups.
    /// Eight entries at most, so it fits beside the flattest map (160 px).
    func drawLegend(_ w: inout SVGWriter) {
        let x = Self.left + plotWidth + 24
        var y = Self.top + Self.legendGap
        w.open("g", ["class": "legend"])
        for group in legendGroups {
            for (text, entry) in group {
                swatch(&w, entry, x: x, y: y)
                w.element("text", ["x": n(x + 30), "y": n(y + 4)], text: text)
                y += Self.legendLine
            }
            y += Self.legendGap
        }
        w.close("g")
    }

    private func swatch(_ w: inout SVGWriter, _ entry: LegendEntry?, x: Double, y: Double) {
        func point(_ label: Int, test: Bool = false, wrong: Bool = false, highlighted: Bool = false, at dx: Double) {
            marker(&w, PlotPoint(index: 0, x: 0, y: 0, label: label, isTest: test, wrong: wrong, highlighted: highlighted),
                   x: x + dx, y: y, index: nil, tooltip: nil)
        }
        switch entry {
        case .points(let label), .classPoints(let label, _): point(label, at: 10)
        case .testPoints: point(0, test: true, at: 5); point(1, test: true, at: 17)
        case .wrong, .classWrong: point(0, wrong: true, at: 5); point(1, wrong: true, at: 17)
        case .classRegion(let label, _):
            w.element("rect", ["x": n(x), "y": n(y - 7), "width": "22", "height": "14", "fill": ClassStyle.region(label).hex])
        case .highlighted: point(0, highlighted: true, at: 10)
        case .region(let label):
            let shades = Palette.regionShades(label)
            for (i, shade) in [shades.deep, shades.pale].enumerated() {
                w.element("rect", ["x": n(x + Double(i) * 11), "y": n(y - 7), "width": "11", "height": "14",
                                   "fill": Palette.region(shade).hex])
            }
        case .series(let role, _):
            var a: Attributes = ["x1": n(x), "x2": n(x + 22), "y1": n(y), "y2": n(y), "stroke": Palette.series(role).hex, "stroke-width": "2"]
            if let dashes = role.dashes { a.append("stroke-dasharray", dashes) }
            w.element("line", a)
        case .band(let role, _):
            w.element("rect", ["x": n(x), "y": n(y - 7), "width": "22", "height": "14", "fill": Palette.series(role).hex,
                               "fill-opacity": Self.bandOpacity])
        case .marker:
            w.element("line", ["x1": n(x + 11), "x2": n(x + 11), "y1": n(y - 8), "y2": n(y + 8), "stroke": Palette.marker.hex,
                               "stroke-dasharray": "4 4"])
            w.element("circle", ["cx": n(x + 11), "cy": n(y), "r": "5", "fill": "none", "stroke": Palette.ink.hex, "stroke-width": "1.5"])
        case .chance:
            w.element("line", ["x1": n(x), "x2": n(x + 22), "y1": n(y), "y2": n(y), "stroke": Palette.marker.hex, "stroke-dasharray": "4 4"])
        case nil:
            w.element("line", ["x1": n(x), "x2": n(x + 22), "y1": n(y), "y2": n(y), "stroke": Palette.boundary.hex, "stroke-width": "1.5"])
        }
    }
}
