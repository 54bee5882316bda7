#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// A model without hidden layers draws one straight boundary; this says when no straight
/// boundary can do, by an exact test, and which extra input would let one.
public struct LinearInseparable: Analyzer {
    public init() {}
    public var ids: [String] { ["linear-inseparable"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard context.hiddenLayers.isEmpty, !context.diverged, !context.shouldStop() else { return [] }
        let rows = context.neighbours.rows
        let facts = context.facts
        // Cut short by Ctrl-C, each test answers "no finding".
        let stop = context.shouldStop
        guard facts.train.accuracy < 1, !Separability.separable(rows.x, rows.y, features: rows.features, shouldStop: stop) else { return [] }
        // A line that does as well as the data allows (two overlapping Gaussians) is not the limit.
        let line = Separability.bestLineAccuracy(rows.x, rows.y, features: rows.features, shouldStop: stop)
        guard 1 - line > facts.allowedTrainError else { return [] }

        var evidence = [
            Evidence("separable", 0, "no straight line separates the training set (exact test)"),
            Evidence("best_line_train_accuracy", line, "the best line (logistic regression) gets \(Format.percent(line)) on train"),
        ]
        // A feature is worth naming when it makes the classes separable or lifts the best line by 5 points.
        if let hint = Separability.featureHint(rows, names: context.data.dataset.featureNames),
           hint.separable || hint.accuracy >= line + 0.05 {
            evidence.append(hint.separable
                ? Evidence("feature_hint_accuracy", 1, "with \(hint.name) as an extra input a flat boundary separates them")
                : Evidence("feature_hint_accuracy", hint.accuracy,
                           "with \(hint.name) as an extra input the best flat boundary gets \(Format.percent(hint.accuracy))"))
        }
        return [Finding(
            id: "linear-inseparable", severity: .problem,
            headline: "a straight line cannot separate these classes",
            evidence: evidence,
            why: "A model with no hidden layer draws one straight boundary, and these classes need a curved one. "
                + "A hidden layer lets the model bend its boundary around them.",
            fixes: [.model([LayerSpec(units: 16, activation: .relu)])])]
    }
}
