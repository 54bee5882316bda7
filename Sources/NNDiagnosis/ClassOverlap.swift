import NNCore

/// Where the classes overlap, no model can be right everywhere: the Bayes error is the part of
/// the missing accuracy nothing can recover.
public struct ClassOverlap: Analyzer {
    /// Below 2% the overlap hides inside the sampling noise of a test set of a few hundred points.
    static let noteAt = 0.02
    /// From 10% on it is most of what a learner will see missing.
    static let warnAt = 0.1

    public init() {}
    public var ids: [String] { ["class-overlap"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let bayes = context.facts.bayes
        guard bayes.value >= Self.noteAt else { return [] }
        let how = bayes.exact ? "known exactly from how the data was made"
            : bayes.neighboursPhrase("estimated from each training point's nearest neighbours") + ", likely \(Format.percent(bayes.low))–\(Format.percent(bayes.high))"
        var evidence = [
            Evidence("bayes_error", bayes.value,
                     "the best possible classifier misses \(Format.percent(bayes.value)) of new points (\(how))"),
        ]
        let test = context.data.split.test
        if !test.isEmpty {
            let t = context.data.training
            let accuracy = Evaluation(network: context.run.network, x: t.xTest, y: t.yTest).accuracy
            evidence.append(Evidence("test_accuracy", accuracy,
                                     "the model gets \(Format.percent(accuracy)) of the \(test.count) test points; "
                                        + "no model can average more than \(Format.percent(1 - bayes.value)) on new points"))
        }
        if !context.flipped.isEmpty {
            let share = Double(context.flipped.count) / Double(max(context.data.split.train.count, 1))
            evidence.append(Evidence("flipped_share", share,
                                     "the \(Format.percent(share)) of training labels flipped on purpose are label noise, "
                                        + "not overlap, and are not counted here"))
        }
        var fixes: [Fix] = []
        if let spec = context.spec { fixes.append(.data(spec) { $0.noise = spec.noise / 2 }) }
        return [Finding(
            id: "class-overlap", severity: bayes.value >= Self.warnAt ? .warning : .note,
            headline: "the classes overlap, so about \(Format.percent(bayes.value)) of points cannot be classified right by any model",
            evidence: evidence,
            why: "Where points of both classes mix, the same spot can carry either label, and the best any model can do "
                + "is pick the likelier one. That part of the missing accuracy is not a fault of the model or the training; "
                + "only less noisy data removes it."
                + (context.spec == nil ? " Wrong labels inside the mix look just like overlap, so any there are counted in it: "
                    + "label-noise can pick out only those that sit alone among the other class." : ""),
            fixes: fixes)]
    }
}
