import NNCore

/// Why a run fell short of what its own layers fit when trained well (`Shortfall.training`) or blew up: the one
/// cause that the error budget's optimisation row names and that not-converged (or the finding that owns the
/// cause, with its own fix) offers to fix. Computed once per diagnosis (`DiagnosisContext.optimisationCause`).
struct OptimisationCause {
    /// The cause in words: "l2 = 0.5 pulls the weights towards zero harder than the data pull them apart".
    let text: String
    /// What fixes it, likeliest first.
    let fixes: [Fix]
    /// The finding that already names this cause with its own fix (`oscillating-loss`, `dead-relu`, `saturation`,
    /// `diverged`); nil when not-converged is the one to say it.
    let owner: String?
    /// The experiment that singled the cause out, when one did (the same training without l2).
    let evidence: Evidence?

    /// nil when the run does not fall short by training (a fit, a model too simple, or interrupted).
    init?(_ context: DiagnosisContext) {
        let facts = context.facts, settings = context.settings
        if context.diverged {
            (text, fixes, owner, evidence) = ("training blew up (\(context.learningRateEvidence.text))",
                                              [.learningRate(settings, times: 0.1)], "diverged", nil)
            return
        }
        guard case .training? = Shortfall(context, facts) else { return nil }
        // l2 first, by experiment: strong l2 also kills ReLU units and flattens the loss, and then dead-relu's or the
        // loss trend's fix (a smaller step, more epochs) keeps the l2 that caused it. Circles, dense16 relu, lr 0.01,
        // l2 = 0.5: 15 of 16 units dead, 50.6% on train; the same without l2: 100%.
        if settings.l2 > 0 {
            guard let without = Self.withoutL2(context) else { return nil }
            if 1 - without <= facts.allowedTrainError {
                text = "l2 = \(Format.number(settings.l2)) pulls the weights towards zero harder than the data pull them apart"
                fixes = [.train(settings) { $0.l2 = 0 }]
                owner = nil
                evidence = Evidence("without_l2_train_accuracy", without,
                                    "the same training without l2 gets \(Format.percent(without)) on train")
                return
            }
        }
        evidence = nil
        let owners: [(any Analyzer, String)] = [
            (OscillatingLoss(), "steps too large: the loss keeps jumping up and down"),
            (DeadReLU(), "hidden units died: they output 0 for every point"),
            (Saturation(), "hidden units saturated: they pass almost no gradient back"),
        ]
        if let (analyzer, words) = owners.first(where: { !$0.0.analyze(context).isEmpty }) {
            (text, fixes, owner) = (words, [], analyzer.ids[0])
        } else if UnscaledFeatures.applies(context) {
            (text, fixes, owner) = ("the inputs are fed in raw on very different scales (see unscaled-features)",
                                    [UnscaledFeatures.scalingFix(context)], nil)
        } else if let trend = facts.trend, trend.isFalling {
            var more: [Fix] = [.trainLonger(settings, by: LossTrend.furtherEpochs(after: settings.epochs))]
            if settings.learningRate * 10 <= 0.1 { more.append(.learningRate(settings, times: 10)) }
            (text, fixes, owner) = ("the loss was still going down when the epochs ran out", more, nil)
        } else if settings.learningRate < WellTrained.learningRate {
            (text, fixes, owner) = ("steps of \(Format.number(settings.learningRate)) move the weights too little to get "
                                        + "anywhere in \(settings.epochs) epochs", [.learningRate(settings, times: 10)], nil)
        } else {
            (text, fixes, owner) = ("training settled on a poor solution it does not leave", [], nil)
        }
    }

    /// The training accuracy of the run's own settings with l2 = 0 (same seed and length); nil when interrupted.
    private static func withoutL2(_ context: DiagnosisContext) -> Double? {
        var config = context.settings
        config.l2 = 0
        let result = Experiment(hidden: context.hiddenLayers, config: config)
            .run(on: context.data.training, seeds: [config.seed], shouldStop: context.shouldStop)
        return result.interrupted ? nil : result.runs.first?.train.accuracy
    }
}

extension DiagnosisContext {
    /// `OptimisationCause` for this run, found on first use.
    var optimisationCause: OptimisationCause? {
        if let known = shared.optimisationCause { return known }
        let cause = OptimisationCause(self)
        shared.optimisationCause = .some(cause)
        return cause
    }
}
