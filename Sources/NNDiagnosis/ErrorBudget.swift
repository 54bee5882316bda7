import NNCore

/// One slice of the missing test accuracy, with the numbers behind it.
public struct BudgetShare: Equatable, Sendable {
    /// `irreducible`, `too-simple`, `not-finished`, `gap` or `sampling`.
    public var key: String
    public var label: String
    /// A fraction of all test points (not of what is missing): the shares add up to 1 − test accuracy.
    public var share: Double
    public var evidence: String

    public init(key: String, label: String, share: Double, evidence: String) {
        self.key = key
        self.label = label
        self.share = share
        self.evidence = evidence
    }
}

/// Where the missing test accuracy goes, split so the shares add up exactly to 1 − test accuracy.
/// Each part is taken, in this order, from what the ones before left over, and clipped at zero:
///  1. irreducible: the Bayes error, which no model can beat;
///  2. model too simple / training not finished: training error above what the data forces (Bayes
///     error and flipped labels), charged to the model when the loss had flattened, else to training;
///  3. sampling noise: what is left, up to how far below its true accuracy the test set can come out by
///     chance (one-sided 95%, `RunFacts.testMargin`);
///  4. gap between train and test: the rest, beyond what the test set's luck explains. It is positive
///     exactly when `RunFacts.gapBeyondChance` is, which is overfitting's test on the accuracy.
public struct ErrorBudget: Equatable, Sendable {
    public var trainAccuracy: Double
    public var testAccuracy: Double
    /// Always all five keys, in the order above (with `too-simple` before `not-finished`); unused ones are 0.
    public var shares: [BudgetShare]

    /// nil without a test set: there is nothing to account for.
    public init?(_ context: DiagnosisContext) {
        let facts = RunFacts(context)
        let test = facts.test
        guard test.n > 0 else { return nil }
        trainAccuracy = facts.train.accuracy
        testAccuracy = test.accuracy
        let missing = 1 - test.accuracy
        let bayes = facts.bayes.value
        let irreducible = min(bayes, missing)
        // Flipped training labels raise the training error but not the (clean) test error: not the model's fault.
        let excess = min(max(0, facts.trainError - facts.floor), missing - irreducible)
        // Training that had not settled (still falling, climbing, or blown up) cannot blame the model.
        let unfinished = context.diverged || facts.trend?.isFlat != true
        let rest = missing - irreducible - excess
        let noise = facts.testMargin
        let sampling = min(rest, noise)
        let trainError = "train error \(Format.percent(facts.trainError))", forced = Format.percent(facts.floor)
        // Raw inputs on very different scales stall training by themselves: the model is not proven too simple.
        let unscaled = UnscaledFeatures.applies(context)
        let raw = unscaled ? ", on unscaled inputs: scale them before blaming the model" : ""
        let model = excess == 0 ? "\(trainError) is no more than the \(forced) the data forces"
            : unfinished ? "\(trainError) where the data forces \(forced), but training had not settled"
            : "\(trainError) where the data forces \(forced), and training had settled\(raw)"
        shares = [
            BudgetShare(key: "irreducible", label: "irreducible overlap", share: irreducible,
                        evidence: facts.allowedEvidence.text),
            BudgetShare(key: "too-simple", label: unscaled ? "model too simple, or raw inputs" : "model too simple",
                        share: unfinished ? 0 : excess, evidence: model),
            BudgetShare(key: "not-finished", label: "training not finished", share: unfinished ? excess : 0,
                        evidence: facts.trend.map { $0.evidence.text } ?? "no training history"),
            BudgetShare(key: "gap", label: "gap between train and test", share: rest - sampling,
                        evidence: "train \(Format.percent(trainAccuracy)) vs test \(Format.percent(testAccuracy))"),
            BudgetShare(key: "sampling", label: "sampling noise of the test set", share: sampling,
                        evidence: "a test set of \(test.n) points can come out up to \(Format.percent(noise)) low by chance (one-sided 95%)"),
        ]
    }

    public var missing: Double { 1 - testAccuracy }
}
