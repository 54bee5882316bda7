import NNCore

/// The model falls well short of the accuracy the data allow on its own training points, and the same layers
/// trained well (`WellTrained`: a sound step, no l2, standardised inputs, longer) fall as short: the model is too
/// simple. When trained well they fit, the training is to blame and `not-converged` names how.
public struct Underfitting: Analyzer {
    public init() {}
    public var ids: [String] { ["underfitting"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let facts = context.facts
        guard case .model? = Shortfall(context, facts), let shortfall = Shortfall(context, facts) else { return [] }
        var evidence = [facts.trainAccuracyEvidence, facts.allowedEvidence, shortfall.evidence(context)]
        if let trend = facts.trend { evidence.append(trend.evidence) }
        return [Finding(
            id: "underfitting", severity: .problem,
            headline: "the model gets \(Format.percent(facts.train.accuracy)) of the training points right, well below what "
                + "these data allow, and the same layers trained well do no better",
            evidence: evidence,
            why: "Trained with a sound step, no l2 and for longer, the same layers still cannot fit the training points, so "
                + "the training is not what holds them back: the model cannot draw the boundary the classes need. "
                + "A model with more (or wider) hidden layers can.",
            fixes: [.biggerModel(than: context.hiddenLayers)])]
    }
}
