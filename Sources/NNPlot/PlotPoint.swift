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

    var isFinite: Bool { x.isFinite && y.isFinite }

    /// Drawing order: later wins a shared terminal cell, so marked points are never hidden.
    var drawPriority: Int { highlighted ? 3 : wrong ? 2 : isTest ? 1 : 0 }
}
