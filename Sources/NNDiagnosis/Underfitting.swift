import NNCore

/// Training has flattened out well below the accuracy the data allows: the model
/// has learned what it can and that is not enough.
public struct Underfitting: Analyzer {
    public init() {}
    public var ids: [String] { ["underfitting"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard !context.diverged else { return [] }
        let facts = RunFacts(context)
        guard let trend = facts.trend, trend.isFlat, facts.fallsShort else { return [] }
        return [Finding(
            id: "underfitting", severity: .problem,
            headline: "the model gets \(Format.percent(facts.train.accuracy)) of the training points right "
                + "and has stopped improving, well below what these data allow",
            evidence: [facts.trainAccuracyEvidence, facts.allowedEvidence, trend.evidence],
            why: "The loss has flattened, so more of the same training will not help. The model cannot "
                + "draw the boundary the classes need; a model with more (or wider) hidden layers can.",
            fixes: [.biggerModel(than: context.hiddenLayers)])]
    }
}
