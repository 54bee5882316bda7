#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// A model without hidden layers draws one straight boundary; this says when no straight
/// boundary can do, by an exact test, and which extra input would let one.
public struct LinearInseparable: Analyzer {
    /// The exact test's pivot cap; nil: `Separability.pivotCap` (a test sets a tiny one to reach the "not tested" case).
    let maxPivots: Int?

    public init() { maxPivots = nil }
    init(maxPivots: Int) { self.maxPivots = maxPivots }
    public var ids: [String] { ["linear-inseparable"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard context.hiddenLayers.isEmpty, !context.diverged, !context.shouldStop() else { return [] }
        let rows = context.neighbours.rows
        let facts = context.facts
        // Cut short by Ctrl-C, each test answers "no finding".
        let stop = context.shouldStop
        if context.classes > 2 { return classes(context) }
        guard facts.train.accuracy < 1 else { return [] }
        // Nil: the simplex method reached its cap (cycling in rounding noise), and separability is not tested.
        let separable = Separability.separable(rows.x, rows.y, features: rows.features, maxPivots: maxPivots, shouldStop: stop)
        guard separable != true else { return [] }
        // A line that does as well as the data allows (two overlapping Gaussians) is not the limit.
        let line = Separability.bestLineAccuracy(rows.x, rows.y, features: rows.features, shouldStop: stop)
        guard 1 - line > facts.allowedTrainError else { return [] }

        let cap = maxPivots ?? Separability.pivotCap(features: rows.features, points: rows.count)
        var evidence = [
            separable == false ? Evidence("separable", 0, "no straight line separates the training set (exact test)")
                : Evidence("separable_tested", flag: false, "not tested: the exact test gave up after \(cap) steps (rounding noise "
                           + "can make it go round in circles), so whether some straight line separates them is not known"),
            Evidence("best_line_train_accuracy", line, "the best line (logistic regression) gets \(Format.percent(line)) on train"),
        ]
        // A feature is worth naming when it makes the classes separable or lifts the best line by 5 points;
        // on the raw columns it is also the first fix (the terms name raw columns), before a hidden layer.
        var fixes: [Fix] = []
        if let hint = Separability.featureHint(rows, names: context.data.inputs.featureNames),
           hint.separable || hint.accuracy >= line + 0.05 {
            if context.data.features == nil { fixes.append(.features(hint.terms)) }
            evidence.append(hint.separable
                ? Evidence("feature_hint_accuracy", 1, "with \(hint.name) as an extra input a flat boundary separates them")
                : Evidence("feature_hint_accuracy", hint.accuracy,
                           "with \(hint.name) as an extra input the best flat boundary gets \(Format.percent(hint.accuracy))"))
        }
        // Proved by the exact test, a problem; only the best line falling short, a warning that says so.
        return [Finding(
            id: "linear-inseparable", severity: separable == false ? .problem : .warning,
            headline: separable == false ? "a straight line cannot separate these classes"
                : "the best straight line gets only \(Format.percent(line)) of the training points right (exact test not finished)",
            evidence: evidence,
            why: "A model with no hidden layer draws one straight boundary, and these classes need a curved one. "
                + "A hidden layer lets the model bend its boundary around them; so do extra inputs made from the "
                + "columns (their squares, say), in which a flat boundary is a curve in the plane.",
            fixes: fixes + [.model([LayerSpec(units: 16, activation: .relu)])])]
    }

    /// Three or more classes: a model with no hidden layer gives each class one convex region cut out by straight
    /// lines. The finding needs the exact test to say that no such model fits the training points, and names which
    /// classes one line can split off from the rest (a middle class on a row cannot, yet a linear model fits it).
    private func classes(_ context: DiagnosisContext) -> [Finding] {
        let rows = context.neighbours.rows, facts = context.facts, stop = context.shouldStop, k = context.classes
        let labels = rows.y.map { Int($0) }
        guard facts.train.accuracy < 1,
              Separability.separable(rows.x, labels: labels, classes: k, features: rows.features, shouldStop: stop) == false
        else { return [] }
        let line = Separability.bestLinearAccuracy(rows.x, labels: labels, classes: k, features: rows.features, shouldStop: stop)
        guard 1 - line > facts.allowedTrainError, !stop() else { return [] }
        let present = Set(labels).sorted()
        let off = Separability.splitsOff(rows.x, labels: labels, classes: k, features: rows.features, shouldStop: stop)
        let alone = present.filter { off[$0] }, stuck = present.filter { !off[$0] }
        let lines = alone.isEmpty ? "no straight line splits any class off from the rest"
            : "a straight line splits \(context.classList(alone)) off from the rest; none splits off \(context.classList(stuck, "or"))"
        return [Finding(
            id: "linear-inseparable", severity: .problem,
            headline: alone.isEmpty ? "no straight line splits any of the \(present.count) classes off from the others"
                : "a straight line cannot split \(context.classList(stuck, "or")) off from the other classes",
            evidence: [
                Evidence("separable", 0, "no model without a hidden layer separates the \(present.count) classes of the training set (exact test)"),
                Evidence("classes_split_off", Double(alone.count), "\(lines) (exact test, each class against the rest)"),
                Evidence("best_line_train_accuracy", line,
                         "the best straight boundaries (a logistic regression per class) get \(Format.percent(line)) on train"),
            ],
            why: "A model with no hidden layer gives each class one region bounded by straight lines, and these classes need "
                + "curved boundaries. A hidden layer lets the model bend the boundary between every pair of classes.",
            fixes: [.model([LayerSpec(units: 16, activation: .relu)])])]
    }
}
