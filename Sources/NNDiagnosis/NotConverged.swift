import NNCore

/// The run falls well short of the accuracy the data allow on its own training points, and the same layers
/// trained well (`WellTrained`) fit them: the training, not the model, fell short. Names the cause
/// (`OptimisationCause`: l2 by experiment, raw inputs, a loss still falling, steps too small) and offers its fix,
/// then the experiment's own settings, which are known to fit.
public struct NotConverged: Analyzer {
    public init() {}
    public var ids: [String] { ["not-converged"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let facts = context.facts
        // Steps too large and stuck units have their own finding (oscillating-loss, dead-relu, saturation), each with
        // its own fix; this one would only repeat it. The error budget still charges the shortfall to optimisation.
        guard case .training(let well)? = Shortfall(context, facts), let cause = context.optimisationCause,
              cause.owner == nil else { return [] }
        let known = Fix.train(context.settings) {
            $0.learningRate = well.config.learningRate
            $0.optimizer = well.config.optimizer
            $0.l2 = 0
            $0.epochs = well.config.epochs
        }
        let fixes = cause.fixes + (cause.fixes.contains { $0.change == known.change } ? [] : [known])
        var evidence = [facts.trainAccuracyEvidence, facts.allowedEvidence, Shortfall.training(well).evidence(context)]
        if let experiment = cause.evidence { evidence.append(experiment) }
        if let trend = facts.trend { evidence.append(trend.evidence) }
        return [Finding(
            id: "not-converged", severity: .problem,
            headline: "training fell short of what this model can do: \(cause.text)",
            evidence: evidence,
            why: "The same layers, trained with a sound step, no l2 and for longer, fit the training points, so the model is "
                + "big enough: the way it was trained held it back. Fix the training before making the model bigger.",
            fixes: fixes)]
    }
}
