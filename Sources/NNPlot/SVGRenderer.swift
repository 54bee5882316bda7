extension Figure {
    /// A standalone SVG document: the plot area (regions, curves, every point its own element with
    /// `data-index`), axes with tick labels and titles, and a legend. Same figure, same bytes.
    public func svg() -> String { SVGRenderer(self).render() }
}

struct SVGRenderer {
    static let left = 72.0, top = 48.0, right = 280.0, bottom = 64.0
    /// Map raster cells, in pixels: small enough for a smooth boundary, large enough to keep the file small.
    static let cell = 6.0

    let figure: Figure
    let plotWidth: Double, plotHeight: Double

    init(_ figure: Figure) {
        self.figure = figure
        if figure.equalAspect {
            let ratio = min(max(figure.x.halfSpan / figure.y.halfSpan, 1.0 / 3), 3)
            (plotWidth, plotHeight) = ratio >= 1 ? (480, (480 / ratio / Self.cell).rounded() * Self.cell)
                                                 : ((480 * ratio / Self.cell).rounded() * Self.cell, 480)
        } else {
            (plotWidth, plotHeight) = (600, 320)
        }
    }

    var width: Double { Self.left + plotWidth + Self.right }
    /// Tall enough for the legend too, which with three or more classes can outgrow a flat map.
    var height: Double {
        let plot = Self.top + plotHeight + Self.bottom
        return figure.classNames == nil ? plot : max(plot, Self.top + legendHeight + Self.legendGap)
    }
    func px(_ x: Double) -> Double { Self.left + figure.x.fraction(x) * plotWidth }
    func py(_ y: Double) -> Double { Self.top + (1 - figure.y.fraction(y)) * plotHeight }
    func n(_ v: Double) -> String { SVGWriter.number(v) }

    func render() -> String {
        var w = SVGWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        w.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "width": n(width), "height": n(height),
                       "viewBox": "0 0 \(n(width)) \(n(height))", "font-family": "sans-serif", "font-size": "13"])
        w.element("title", [:], text: figure.title)
        w.element("rect", ["class": "background", "width": n(width), "height": n(height), "fill": Palette.white.hex])
        w.element("text", ["class": "title", "x": n(Self.left + plotWidth / 2), "y": n(Self.top - 18),
                           "text-anchor": "middle", "font-size": "16"], text: figure.title)
        drawRegions(&w)
        drawGrid(&w)
        drawCurves(&w)
        drawPoints(&w)
        w.element("rect", ["class": "frame", "x": n(Self.left), "y": n(Self.top), "width": n(plotWidth),
                           "height": n(plotHeight), "fill": "none", "stroke": "#444444"])
        drawAxes(&w)
        drawLegend(&w)
        w.close("svg")
        return String(w.text.dropLast())
    }

    // MARK: Layers

    /// Regions as a raster of rects (runs of one colour merged), then the boundary on top: the p = 0.5 line for two
    /// classes, the line between each pair of classes that meet for more.
    private func drawRegions(_ w: inout SVGWriter) {
        guard figure.regions != nil || figure.classRegions != nil else {
            if figure.equalAspect {
                w.element("rect", ["class": "paper", "x": n(Self.left), "y": n(Self.top), "width": n(plotWidth),
                                   "height": n(plotHeight), "fill": Palette.paper.hex])
            }
            return
        }
        let columns = Int(plotWidth / Self.cell), rows = Int(plotHeight / Self.cell)
        w.open("g", ["class": "regions", "shape-rendering": "crispEdges"])
        for j in 0..<rows {
            let colours = (0..<columns).map { i in
                regionColour(fx: (Double(i) + 0.5) / Double(columns), fy: 1 - (Double(j) + 0.5) / Double(rows))
            }
            var start = 0
            for i in 1...columns where i == columns || colours[i] != colours[start] {
                w.element("rect", ["x": n(Self.left + Double(start) * Self.cell), "y": n(Self.top + Double(j) * Self.cell),
                                   "width": n(Double(i - start) * Self.cell), "height": n(Self.cell), "fill": colours[start].hex])
                start = i
            }
        }
        w.close("g")
        if let grid = figure.regions {
            boundary(&w, grid.contour(), attributes: ["class": "boundary"])
        } else if let classes = figure.classRegions, let names = figure.classNames {
            for (pair, segments) in classes.boundaries() {
                boundary(&w, segments, attributes: ["class": "boundary pair\(pair.0)-\(pair.1)"],
                         tooltip: "boundary between \(names[pair.0]) and \(names[pair.1])")
            }
        }
    }

    private func regionColour(fx: Double, fy: Double) -> Colour {
        if let classes = figure.classRegions { return ClassStyle.region(classes.winner(fx: fx, fy: fy)) }
        return figure.regions.map { Palette.region($0.value(fx: fx, fy: fy)) } ?? Palette.paper
    }

    private func boundary(_ w: inout SVGWriter, _ segments: [ContourSegment], attributes: Attributes, tooltip: String? = nil) {
        let d = segments.map { s in
            "M\(n(Self.left + s.from.x * plotWidth)) \(n(Self.top + (1 - s.from.y) * plotHeight))"
                + "L\(n(Self.left + s.to.x * plotWidth)) \(n(Self.top + (1 - s.to.y) * plotHeight))"
        }.joined()
        guard !d.isEmpty else { return }
        var a = attributes
        a.pairs += [("d", d), ("fill", "none"), ("stroke", Palette.boundary.hex), ("stroke-width", "1.5")]
        w.element("path", a, tooltip: tooltip)
    }

    private func drawGrid(_ w: inout SVGWriter) {
        guard !figure.equalAspect else { return }
        w.open("g", ["class": "grid", "stroke": Palette.grid.hex])
        for v in figure.y.ticks(count: Int(plotHeight / 50)) {
            w.element("line", ["x1": n(Self.left), "x2": n(Self.left + plotWidth), "y1": n(py(v)), "y2": n(py(v))])
        }
        w.close("g")
    }

    /// Pale enough that two overlapping bands and the curves over them still read.
    static let bandOpacity = "0.2"

    /// The chance level, the bands (a shaded polygon from each low to each high), then one polyline per unbroken run of finite values (train last, so it stays visible
    /// over the test line), then the marker (a dashed line and a ring).
    private func drawCurves(_ w: inout SVGWriter) {
        if let chance = figure.chanceLoss, (0...1).contains(figure.y.fraction(chance)) {
            w.element("line", ["class": "chance", "x1": n(Self.left), "x2": n(Self.left + plotWidth), "y1": n(py(chance)),
                               "y2": n(py(chance)), "stroke": Palette.marker.hex, "stroke-dasharray": "4 4"])
        }
        if let m = figure.marker {
            w.element("line", ["class": "marker", "x1": n(px(m.x)), "x2": n(px(m.x)), "y1": n(Self.top),
                               "y2": n(Self.top + plotHeight), "stroke": Palette.marker.hex, "stroke-dasharray": "4 4"])
        }
        for band in figure.bands {
            let edge = zip(band.x, band.high).map { ($0, $1) } + zip(band.x, band.low).reversed().map { ($0, $1) }
            guard edge.allSatisfy({ $0.1.isFinite && figure.y.fraction($0.1).isFinite }), !edge.isEmpty else { continue }
            w.element("polygon", ["class": "band \(band.role.className)", "points": edge.map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " "),
                                  "fill": Palette.series(band.role).hex, "fill-opacity": Self.bandOpacity, "stroke": "none"],
                      tooltip: band.name)
        }
        for s in figure.series.filter({ $0.role == .test }) + figure.series.filter({ $0.role != .test }) {
            var runs: [[String]] = [[]]
            for (x, y) in zip(s.x, s.y) {
                if y.isFinite, figure.y.fraction(y).isFinite { runs[runs.count - 1].append("\(n(px(x))),\(n(py(y)))") }
                else if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
            for run in runs where !run.isEmpty {
                var a: Attributes = ["class": "series \(s.role.className)", "points": run.joined(separator: " "), "fill": "none",
                                     "stroke": Palette.series(s.role).hex, "stroke-width": "2", "stroke-linejoin": "round"]
                if let dashes = s.role.dashes { a.append("stroke-dasharray", dashes) }
                w.element("polyline", a)
            }
        }
        if let m = figure.marker, figure.y.fraction(m.y).isFinite {
            w.element("circle", ["class": "marker", "cx": n(px(m.x)), "cy": n(py(m.y)), "r": "5", "fill": "none",
                                 "stroke": Palette.ink.hex, "stroke-width": "1.5"], tooltip: m.label)
        }
    }

    private func drawPoints(_ w: inout SVGWriter) {
        guard !figure.points.isEmpty else { return }
        w.open("g", ["class": "points"])
        for p in figure.pointsInDrawingOrder {
            var tooltip = "#\(p.index) \(figure.classNames.map { $0[p.label] } ?? "class \(p.label)") \(p.isTest ? "test" : "train")"
            if p.wrong { tooltip += ", misclassified" }
            if p.highlighted { tooltip += ", highlighted" }
            tooltip += " (\(NumberFormat.short(p.x)), \(NumberFormat.short(p.y)))"
            marker(&w, p, x: px(p.x), y: py(p.y), index: p.index, tooltip: tooltip)
        }
        w.close("g")
    }

    /// A point's shape: class 0 a circle, class 1 a square (with three or more classes, `ClassStyle`'s shapes and
    /// colours); test points hollow (white inside their class colour: a pale fill vanished into the regions);
    /// misclassified ones larger and ringed in magenta, highlighted ones larger and ringed in green.
    func marker(_ w: inout SVGWriter, _ p: PlotPoint, x: Double, y: Double, index: Int?, tooltip: String?) {
        var classes = "point class\(p.label) \(p.isTest ? "test" : "train")"
        if p.wrong { classes += " wrong" }
        if p.highlighted { classes += " highlighted" }
        let ink = figure.classNames == nil ? Palette.point(p.label) : ClassStyle.point(p.label)
        let fill = p.isTest ? Palette.white.hex : ink.hex
        let stroke = p.highlighted ? Palette.highlight.hex : p.wrong ? Palette.wrong.hex : ink.hex
        let strokeWidth = p.highlighted || p.wrong ? "2.5" : p.isTest ? "1.5" : "1"
        let r = p.highlighted || p.wrong ? 6.0 : 4.5
        var a: Attributes = ["class": classes]
        if let index { a.append("data-index", String(index)) }
        let shape = figure.classNames == nil ? min(max(p.label, 0), 1) : ClassStyle.shape(p.label)
        let element: String
        if let corners = ClassStyle.shapes[shape] {
            element = "polygon"
            a.append("points", corners.map { "\(n(x + r * $0.0)),\(n(y + r * $0.1))" }.joined(separator: " "))
        } else if shape == 0 {
            element = "circle"
            a.pairs += [("cx", n(x)), ("cy", n(y)), ("r", n(r))]
        } else {
            element = "rect"
            a.pairs += [("x", n(x - r)), ("y", n(y - r)), ("width", n(2 * r)), ("height", n(2 * r))]
        }
        a.pairs += [("fill", fill), ("stroke", stroke), ("stroke-width", strokeWidth)]
        w.element(element, a, tooltip: tooltip)
    }
}
