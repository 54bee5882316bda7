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
        let headline = "the model gets \(Format.percent(facts.train.accuracy)) of the training points right "
            + "and has stopped improving, well below what these data allow"
        let evidence = [facts.trainAccuracyEvidence, facts.allowedEvidence, trend.evidence]
        // Raw inputs on very different scales stall training by themselves (moons with x2 shifted by 40:
        // 16 ReLU units flatten at 66%, and get 100% once scaled), so the model is not to blame until they are scaled.
        if UnscaledFeatures.applies(context) {
            return [Finding(
                id: "underfitting", severity: .problem, headline: headline, evidence: evidence,
                why: "The loss has flattened, so more of the same training will not help. The inputs are fed in raw on very "
                    + "different scales (see unscaled-features), which alone can stall training this far short: scale them "
                    + "first. If the loss still flattens short of what the data allow, the model is too simple for the boundary.",
                fixes: [UnscaledFeatures.scalingFix(context), .biggerModel(than: context.hiddenLayers)])]
        }
        return [Finding(
            id: "underfitting", severity: .problem, headline: headline, evidence: evidence,
            why: "The loss has flattened, so more of the same training will not help. The model cannot "
                + "draw the boundary the classes need; a model with more (or wider) hidden layers can.",
            fixes: [.biggerModel(than: context.hiddenLayers)])]
    }
}
