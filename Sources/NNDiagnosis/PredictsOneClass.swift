import NNCore

/// The model gives (almost) the same answer for every point although the classes are mixed:
/// whatever its accuracy, it has learnt nothing beyond the majority baseline.
public struct PredictsOneClass: Analyzer {
    /// Share of training answers that are one class...
    static let oneAnswer = 0.97
    /// ...while the data allow clearly more than that class's share: the best possible training accuracy (1 minus
    /// the overlap and the flipped or doubted labels) beats it by at least this much. A line answering class 0 for
    /// every point of circles with imbalance 0.05 (95% class 0) gets 94.8% where 99.8% is possible; a share under
    /// 90%, as this analyzer asked before, let that pass.
    static let margin = 0.03

    public init() {}
    public var ids: [String] { ["predicts-one-class"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard !context.diverged else { return [] }
        let predictions = context.trainPredictions
        let n = Double(max(predictions.count, 1))
        var answers = [Int](repeating: 0, count: context.classes)
        for p in predictions { answers[Int(p)] += 1 }
        // Two classes: the share of ones and its complement, as always computed; more: the commonest answer's share.
        let ones = predictions.reduce(0, +) / n
        let answer = context.classes == 2 ? (ones >= 0.5 ? 1 : 0) : answers.indices.max { answers[$0] < answers[$1] }!
        let answered = context.classes == 2 ? (answer == 1 ? ones : 1 - ones) : Double(answers[answer]) / n
        let counts = context.data.dataset.counts(of: context.data.split.train)
        let share = Double(counts[answer]) / n
        let reachable = 1 - context.facts.floor
        guard answered >= Self.oneAnswer, reachable - share >= Self.margin else { return [] }
        let baseline = Double(counts.max()!) / n
        let accuracy = context.trainEvaluation.accuracy
        return [Finding(
            id: "predicts-one-class", severity: .problem,
            headline: "the model answers \(context.className(answer)) for almost every point",
            evidence: [
                Evidence("predicted_share", answered,
                         "\(Format.percent(answered)) of its answers on train are \(context.className(answer)), "
                            + "which is \(Format.percent(share)) of the points"),
                Evidence("train_accuracy", accuracy, "it gets \(Format.percent(accuracy)) on train"),
                Evidence("majority_baseline", baseline,
                         "always answering the most common class would get \(Format.percent(baseline))"),
                Evidence("reachable_accuracy", reachable,
                         "the best possible classifier gets \(Format.percent(reachable)) on these training points"),
            ],
            why: "A model that gives one answer everywhere has found no boundary at all, so its accuracy is just "
                + "the share of that class. Usually training is stuck: the boundary it needs is out of reach of "
                + "the model, the step size killed its units, or it has not trained long enough.",
            fixes: fixes(context, answering: answer, share: share),
            // Judged by the class it neglects: for two classes the other one, for more the rarest of the others.
            measure: .recall(class: context.classes == 2 ? 1 - answer
                                 : counts.indices.filter { $0 != answer }.min { counts[$0] < counts[$1] }!))]
    }

    /// When the class it answers is the common one, weighting the classes first: the rare class's
    /// mistakes then cost as much as the common one's.
    private func fixes(_ context: DiagnosisContext, answering answer: Int, share: Double) -> [Fix] {
        let weigh = share >= Self.commonShare && context.settings.classWeight == .none
        return (weigh ? [.train(context.settings) { $0.classWeight = .balanced }] : []) + [fix(context)]
    }

    /// A class this much of the rows is the common one (60:40 or more uneven).
    static let commonShare = 0.6

    /// The likeliest way out: the fix of the training's own shortfall where the experiment found one (l2 off, more
    /// epochs, a larger step), else a hidden layer for a line, smaller steps after large ones, else more epochs.
    private func fix(_ context: DiagnosisContext) -> Fix {
        if let known = context.optimisationCause?.fixes.first { return known }
        if context.hiddenLayers.isEmpty { return .model([LayerSpec(units: 16, activation: .relu)]) }
        if context.run.config.learningRate >= 0.1 { return .learningRate(context.settings, times: 0.1) }
        return .trainLonger(context.settings, by: context.epochs)
    }
}
