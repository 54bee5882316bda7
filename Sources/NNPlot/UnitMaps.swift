/// One small map per hidden unit of a layer: where over the plane the unit's output is high or low,
/// which way the unit pushes the output, and whether it is dead. `terminal(_:)` and `svg()` draw it.
public struct UnitMaps: Sendable, Equatable {
    public var title: String
    /// The plane every panel shows (the data's first two features).
    public var x: Axis, y: Axis
    public var panels: [Panel]
    /// Three or more classes: the captions name the class each unit pushes toward most.
    public var manyClasses = false

    public struct Panel: Sendable, Equatable {
        /// "layer 1 unit 3"
        public var name: String
        /// The class more of this unit pushes the output toward (with two classes, 1 when its mean pull is above 0).
        public var toward: Int
        /// With three or more classes, that class's name; nil with two.
        public var className: String?
        public var dead: Bool
        /// The unit's output over the plane, rescaled to 0 (its lowest there) ... 1 (its highest); all 0 when flat.
        public var shade: ProbabilityGrid

        /// "+ class 1", "- class 0, dead", "+ setosa": the panel's second label line.
        public var caption: String {
            (className.map { "+ " + $0 } ?? (toward == 1 ? "+ class 1" : "- class 0")) + (dead ? ", dead" : "")
        }
        /// What an SVG panel's `<title>` says.
        public var tooltip: String {
            "\(name): pushes toward \(className ?? "class \(toward)") (\(className != nil || toward == 1 ? "+" : "-")), \(dead ? "dead" : "alive")"
        }
        /// The colour of its caption and map: its class's.
        var ink: Colour { className == nil ? Palette.point(toward) : ClassStyle.point(toward) }
    }

    /// Lattice nodes per side of each panel: plenty for a 16-column panel or a 20-cell SVG raster.
    static let resolution = 25

    /// The units of one layer over the points' range (as `Plot.data` frames it). `outputs` gets a flat buffer of
    /// (x, y) pairs in raw feature space and returns the layer's outputs for each pair (`pairs × units`).
    /// `classNames`: three or more classes' names (nil for two), `toward` indexing them.
    public static func make(points: [PlotPoint], units: [(name: String, toward: Int, dead: Bool)], classNames: [String]? = nil,
                            outputs: ([Double]) -> [Double], title: String, xTitle: String = "x1", yTitle: String = "x2") -> UnitMaps {
        let frame = Plot.data(points: points, title: title, xTitle: xTitle, yTitle: yTitle)
        let n = resolution
        let values = outputs(Plot.lattice(x: frame.x, y: frame.y, nodes: n)), k = units.count
        let panels = units.enumerated().map { u, unit -> Panel in
            let column = stride(from: u, to: values.count, by: max(k, 1)).map { values[$0] }
            let finite = column.filter(\.isFinite)
            let lo = finite.min() ?? 0, hi = finite.max() ?? 0
            // A unit that barely changes over the plane is drawn flat, not as magnified rounding noise.
            let span = hi - lo > 1e-9 * Swift.max(1, abs(hi)) ? hi - lo : 0
            let shade = column.map { v in span > 0 && v.isFinite ? (v - lo) / span : 0 }
            return Panel(name: unit.name, toward: unit.toward, className: classNames?[unit.toward], dead: unit.dead,
                         shade: ProbabilityGrid(columns: n, rows: n, values: shade))
        }
        return UnitMaps(title: title, x: frame.x, y: frame.y, panels: panels, manyClasses: classNames != nil)
    }

    /// How to read the maps, for the legend under them.
    var legend: [String] {
        ["each map is one unit's output over the plane (\(x.title) \(Axis.label(x.min)) to \(Axis.label(x.max)) across, "
            + "\(y.title) \(Axis.label(y.min)) to \(Axis.label(y.max)) up), from its lowest (blank) to its highest (darkest)",
         manyClasses ? "+ a class: more of the unit pushes the output toward that class more than toward any other"
             : "+ class 1: more of the unit pushes the output toward class 1; - class 0: toward class 0",
         "dead: a ReLU unit that outputs 0 for every training point (it can never learn again)"]
    }
}
