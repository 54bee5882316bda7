import NNCore

/// Training stopped while the loss was still clearly falling and the model had not yet
/// reached the accuracy the data allows: more epochs (or bigger steps) would still pay.
public struct NotConverged: Analyzer {
    public init() {}
    public var ids: [String] { ["not-converged"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard !context.diverged else { return [] }
        let facts = RunFacts(context)
        // Falling alone is normal: on separable data the loss falls forever once every point is right.
        guard let trend = facts.trend, trend.isFalling, facts.fallsShort else { return [] }
        let settings = context.settings
        // As long as the trend projected its pace over: three times as long again, at least 500 epochs more.
        var fixes = [Fix.trainLonger(settings, by: LossTrend.furtherEpochs(after: settings.epochs))]
        // Ten times the step while that stays a learning rate people use.
        if settings.learningRate * 10 <= 0.1 { fixes.append(.learningRate(settings, times: 10)) }
        return [Finding(
            id: "not-converged", severity: .problem,
            headline: "training stopped while the loss was still going down",
            evidence: [trend.evidence, facts.trainAccuracyEvidence, facts.allowedEvidence],
            why: "The model was still improving when the epochs ran out, and it has not yet reached "
                + "the accuracy these data allow. Training longer, or with larger steps, lets it finish.",
            fixes: fixes)]
    }
}
