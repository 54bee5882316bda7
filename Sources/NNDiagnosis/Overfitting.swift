import NNCore

/// The model does clearly better on the points it trained on than on new ones, by more
/// than the luck of which points ended up in the test set can explain.
public struct Overfitting: Analyzer {
    /// Smaller gaps are not worth a finding even when they are real.
    static let gap = 0.05
    /// Strict, because overfitting rules misfire easily (UMLAUT's fired in 12 of 18 of its own cases):
    /// Fisher's exact test, one-sided, must put the gap below a 1% chance.
    static let significance = 0.01

    public init() {}
    public var ids: [String] { ["overfitting"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard !context.diverged else { return [] }
        let facts = RunFacts(context)
        let train = facts.train, test = facts.test
        guard test.n > 0, train.accuracy - test.accuracy >= Self.gap else { return [] }
        // A model that does not clearly beat always answering the commoner class (by twice the binomial spread)
        // has learnt nothing to overfit with: where its boundary cuts the test points is luck, and underfitting
        // is its trouble. A line through circles (data seed 1) got 52.5% on train and 27.5% on test, p 0.004.
        let counts = context.data.dataset.counts(of: context.data.split.train)
        let baseline = Double(counts.max()!) / Double(max(train.n, 1))
        guard train.accuracy - baseline > 2 * (baseline * (1 - baseline) / Double(max(train.n, 1))).squareRoot() else { return [] }
        // Under "no overfitting" the errors are spread over train and test points alike; how likely
        // is it that at least this many of them land among the test points?
        let p = RunStatistics.fisherTail(errors: train.wrong + test.wrong, of: train.n + test.n,
                                         draws: test.n, atLeast: test.wrong)
        guard p < Self.significance else { return [] }
        let chance = p < 0.0001 ? "less than 0.01%" : Format.percent(p, decimals: 2)
        var evidence = [facts.trainAccuracyEvidence, facts.testAccuracyEvidence,
                        Evidence("p_value", p, "if errors fell on training and test points alike, a gap this large "
                                 + "would come up by chance in \(chance) of splits")]
        let settings = context.settings
        var fixes = [Fix.train(settings) { $0.l2 = 0.01 }]
        if let best = context.run.history.bestTestEpoch, let last = context.run.history.last {
            evidence.append(Evidence("best_epoch", Double(best.epoch),
                                     "test loss was lowest at epoch \(best.epoch) (\(Format.number(best.testLoss))); "
                                     + "at epoch \(last.epoch) it was \(Format.number(last.testLoss))"))
            // Stopping where the test loss bottomed out is the cheapest cure when that was well before the end.
            if Double(best.epoch) < 0.8 * Double(settings.epochs) {
                fixes.insert(.train(settings) { $0.epochs = best.epoch }, at: 0)
            }
        }
        return [Finding(
            id: "overfitting", severity: .problem,
            headline: "the model does much better on its training points (\(Format.percent(train.accuracy))) "
                + "than on new ones (\(Format.percent(test.accuracy)))",
            evidence: evidence,
            why: "The model has learned details of its own training points, noise included, that do not "
                + "carry over to new points. Stopping earlier or penalising large weights (l2) keeps the boundary simpler.",
            fixes: fixes)]
    }
}
