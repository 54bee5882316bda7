/// A picture as a value: what to draw (axes, a model's regions, points, curves, a marker),
/// not how. `terminal(_:)` and `svg()` both draw from it.
public struct Figure: Sendable, Equatable {
    public var title: String
    public var x: Axis
    public var y: Axis
    /// The model's P(class 1) over the plot area, when a model is drawn.
    public var regions: ProbabilityGrid?
    public var points: [PlotPoint]
    public var series: [Series]
    public var marker: Marker?
    /// The loss of a model that knows nothing (always P = 0.5 for two classes: log 2), drawn as a labelled level line.
    public var chanceLoss: Double? = nil
    /// One data unit as long on both axes, so circles look round (maps); charts fill the width instead.
    public var equalAspect: Bool
    /// The class names when there are three or more classes: points, regions and legend then tell k classes apart
    /// (`ClassStyle`); nil for two classes, drawn as they always were.
    public var classNames: [String]? = nil
    /// The model's probability of each class over the plot area, for three or more classes (`regions` is for two).
    public var classRegions: ClassGrid? = nil
    /// How far each curve's runs spread around it (a learning curve's min–max over seeds), drawn behind the curves.
    public var bands: [Band] = []
}

/// Samples of P(class 1) on a `columns × rows` lattice spanning the axes edge to edge,
/// row-major, row 0 along the bottom (y.min).
public struct ProbabilityGrid: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    public var values: [Double]

    public init(columns: Int, rows: Int, values: [Double]) {
        precondition(columns >= 2 && rows >= 2 && values.count == columns * rows, "a grid of columns × rows ≥ 2 × 2 values")
        self.columns = columns
        self.rows = rows
        self.values = values
    }

    /// Bilinear between lattice nodes; `fx` and `fy` run from 0 to 1 across the plot.
    func value(fx: Double, fy: Double) -> Double {
        let gx = Swift.min(Swift.max(fx, 0), 1) * Double(columns - 1)
        let gy = Swift.min(Swift.max(fy, 0), 1) * Double(rows - 1)
        let i = Swift.min(Int(gx), columns - 2), j = Swift.min(Int(gy), rows - 2)
        let tx = gx - Double(i), ty = gy - Double(j)
        let v00 = node(i, j), v10 = node(i + 1, j), v01 = node(i, j + 1), v11 = node(i + 1, j + 1)
        return (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty
    }

    func node(_ i: Int, _ j: Int) -> Double { values[j * columns + i] }
}

/// A curve, e.g. loss per epoch; non-finite values leave a gap.
public struct Series: Sendable, Equatable {
    /// A loss chart's train and test curves, or the k-th of several runs compared (0 to 3).
    public enum Role: Sendable, Equatable {
        case train, test, run(Int)

        /// Which of the four line styles draws it: train and the first run share one, test and the second another.
        var style: Int {
            switch self {
            case .train: return 0
            case .test: return 1
            case .run(let k): return Swift.min(Swift.max(k, 0), Glyphs.curveStyles - 1)
            }
        }

        /// The SVG class: train, test, run1 ... run4.
        var className: String {
            switch self {
            case .train: return "train"
            case .test: return "test"
            case .run(let k): return "run\(k + 1)"
            }
        }

        /// SVG dashes: runs differ by dash as well as colour (a printout in grey keeps them apart).
        var dashes: String? {
            guard case .run = self else { return nil }
            return [nil, "8 4", "2 3", "10 3 2 3"][style]
        }
    }

    public var name: String
    public var role: Role
    public var x: [Double]
    public var y: [Double]
}

/// The range a curve's runs span at each of its x values: range bars in the terminal (train left of the
/// point, test right of it, so both stay readable where they overlap), a shaded band in the SVG.
public struct Band: Sendable, Equatable {
    public var role: Series.Role
    public var name: String
    public var x: [Double]
    public var low: [Double]
    public var high: [Double]

    public init(role: Series.Role, name: String, x: [Double], low: [Double], high: [Double]) {
        precondition(x.count == low.count && x.count == high.count, "a band has a low and a high value at each x")
        self.role = role
        self.name = name
        self.x = x
        self.low = low
        self.high = high
    }
}

/// A marked place on a chart, such as the epoch with the lowest test loss.
public struct Marker: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var label: String
}
