extension UnitMaps {
    /// A standalone SVG document: one group per panel (its `<title>` names the unit, its pull and whether it is dead),
    /// each a raster from white (the unit's lowest) to its class colour (its highest), then the legend. Same maps, same bytes.
    public func svg() -> String {
        let size = Double(Self.svgCells) * SVGRenderer.cell, gap = 24.0, labels = 36.0, margin = 24.0
        let perRow = Swift.min(4, Swift.max(1, panels.count))
        let rows = (panels.count + perRow - 1) / perRow
        // Wide enough for the title (16 px) and legend (13 px) too, at about half an em a character.
        let width = Swift.max(2 * margin + Double(perRow) * size + Double(perRow - 1) * gap,
                              2 * margin + 8.5 * Double(title.count), 2 * margin + 7 * Double(legend.map(\.count).max() ?? 0))
        let legendTop = 2 * margin + 8 + Double(rows) * (labels + size + gap)
        let height = legendTop + Double(legend.count) * 18 + margin
        let n = SVGWriter.number
        var w = SVGWriter()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        w.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "width": n(width), "height": n(height),
                       "viewBox": "0 0 \(n(width)) \(n(height))", "font-family": "sans-serif", "font-size": "13"])
        w.element("title", [:], text: title)
        w.element("rect", ["class": "background", "width": n(width), "height": n(height), "fill": Palette.white.hex])
        w.element("text", ["class": "title", "x": n(margin), "y": n(margin + 4), "font-size": "16"], text: title)
        for (k, panel) in panels.enumerated() {
            let left = margin + Double(k % perRow) * (size + gap)
            let top = 2 * margin + 8 + Double(k / perRow) * (labels + size + gap)
            let ink = panel.ink
            w.open("g", ["class": "unit" + (panel.dead ? " dead" : "")])
            w.element("title", [:], text: panel.tooltip)
            w.element("text", ["x": n(left), "y": n(top + 13)], text: panel.name)
            w.element("text", ["x": n(left), "y": n(top + 29), "fill": ink.hex], text: panel.caption)
            w.open("g", ["class": "map", "shape-rendering": "crispEdges"])
            let cells = Self.svgCells
            for j in 0..<cells {
                let colours = (0..<cells).map { i in
                    Self.blend(ink, panel.shade.value(fx: (Double(i) + 0.5) / Double(cells), fy: 1 - (Double(j) + 0.5) / Double(cells)))
                }
                var start = 0
                for i in 1...cells where i == cells || colours[i] != colours[start] {
                    w.element("rect", ["x": n(left + Double(start) * SVGRenderer.cell), "y": n(top + labels + Double(j) * SVGRenderer.cell),
                                       "width": n(Double(i - start) * SVGRenderer.cell), "height": n(SVGRenderer.cell), "fill": colours[start]])
                    start = i
                }
            }
            w.close("g")
            w.element("rect", ["class": "frame", "x": n(left), "y": n(top + labels), "width": n(size), "height": n(size),
                               "fill": "none", "stroke": "#444444"])
            w.close("g")
        }
        for (i, line) in legend.enumerated() {
            w.element("text", ["class": "legend", "x": n(margin), "y": n(legendTop + Double(i) * 18)], text: line)
        }
        w.close("svg")
        return String(w.text.dropLast())
    }

    /// Raster cells across a panel.
    static let svgCells = 24

    /// White at 0 to `ink` at 1, in eight steps (so runs of one colour merge into one rect).
    static func blend(_ ink: Colour, _ t: Double) -> String {
        let step = (Swift.min(Swift.max(t, 0), 1) * 8).rounded() / 8
        let hex = Array(ink.hex.dropFirst())
        var out = "#"
        for c in 0..<3 {
            let channel = Int(String(hex[(2 * c)..<(2 * c + 2)]), radix: 16)!
            let v = Int((255 - Double(255 - channel) * step).rounded())
            let digits = String(v, radix: 16)
            out += (digits.count == 1 ? "0" : "") + digits
        }
        return out
    }
}
