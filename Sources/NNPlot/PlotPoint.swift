/// One data point as a plot needs it: where it is, what it is, and how it fared.
public struct PlotPoint: Sendable, Equatable {
    /// Dataset index, so a learner can look the point up.
    public var index: Int
    /// Raw (unscaled) values of the first two features.
    public var x: Double, y: Double
    /// 0 or 1.
    public var label: Int
    public var isTest: Bool
    /// Misclassified by the current model (false when there is no model).
    public var wrong: Bool
    /// Asked for with `plot boundary show=ID`, e.g. the label-noise suspects.
    public var highlighted: Bool

    public init(index: Int, x: Double, y: Double, label: Int, isTest: Bool,
                wrong: Bool = false, highlighted: Bool = false) {
        self.index = index
        self.x = x
        self.y = y
        self.label = label
        self.isTest = isTest
        self.wrong = wrong
        self.highlighted = highlighted
    }
}

extension Figure {
    /// Points that can be placed, plain ones first and marked ones last, so that where points
    /// share a spot (a terminal cell, a few pixels) the one that matters most shows.
    var pointsInDrawingOrder: [PlotPoint] {
        func rank(_ p: PlotPoint) -> Int { p.highlighted ? 3 : p.wrong ? 2 : p.isTest ? 1 : 0 }
        return points.enumerated().filter { $0.element.x.isFinite && $0.element.y.isFinite }
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element)
    }
}
