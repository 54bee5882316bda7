import NNCore

/// What a finding's fixes are judged by when `Doctor.verify` runs them: the quantity the finding is about,
/// measured on each seed's final weights.
public enum Measure: Equatable, Sendable {
    /// Test accuracy (every finding without a measure of its own).
    case testAccuracy
    /// The recall of this class on the training rows, where the finding saw it neglected: weighting the classes
    /// trades some overall accuracy for it, so test accuracy alone would call the fix worse.
    case recall(class: Int)
    /// Training accuracy, with test accuracy not lower: with its wrong labels gone the rest can be fitted.
    case trainAccuracy
    /// Training minus test accuracy, lower is better, with test accuracy not lower.
    case gap
    /// How often the training loss rose sharply in the last fifth of the run (`OscillatingLoss`' rule), fewer
    /// is better, with test accuracy not lower; a test accuracy that rises beyond its spread also verifies.
    case swings

    public var lowerIsBetter: Bool { self == .gap || self == .swings }

    /// Whether a fix must also keep test accuracy: measures of something else than accuracy on new points.
    public var keepsTest: Bool { self == .trainAccuracy || self == .gap || self == .swings }
}

extension Measure {
    /// The measure on one seed's run; nil for a class the training rows do not hold.
    func value(_ run: ExperimentResult.Run) -> Double? {
        switch self {
        case .testAccuracy: return run.test.accuracy
        case .recall(let c): return c < run.train.classes ? run.train.recall[c] : nil
        case .trainAccuracy: return run.train.accuracy
        case .gap: return run.train.accuracy - run.test.accuracy
        case .swings: return Double(OscillatingLoss.sharpSwings(run.history.records.map(\.trainLoss)).swings.count)
        }
    }

    /// The smallest change the measure can show on `run`: one point of the rows it is counted on, or one swing.
    func step(_ run: ExperimentResult.Run) -> Double {
        switch self {
        case .testAccuracy, .gap: return 1 / Double(max(run.test.n, 1))
        case .recall(let c): return 1 / Double(max(c < run.train.classes ? run.train.confusion[c].reduce(0, +) : 1, 1))
        case .trainAccuracy: return 1 / Double(max(run.train.n, 1))
        case .swings: return 1
        }
    }
}
