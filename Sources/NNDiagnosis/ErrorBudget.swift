import NNCore

/// One row of the error budget: a measured part of the test error, with the measurement behind it.
public struct BudgetRow: Equatable, Sendable {
    /// `irreducible`, `too-simple`, `optimisation`, `wrong-labels`, `variance`, `sampling` or `unexplained`.
    public var key: String
    /// A fraction of all test points, like the test error it is part of; only `sampling` and `unexplained` can be
    /// negative (a test set luckier than the measured rows predict).
    public var share: Double
    /// The numbers the share comes from, by name.
    public var evidence: [Evidence]
    /// The measurement in words.
    public var text: String

    public init(key: String, share: Double, evidence: [Evidence], text: String) {
        self.key = key
        self.share = share
        self.evidence = evidence
        self.text = text
    }
}

/// Where the missing test accuracy goes, in the usual decomposition, each row from its own measurement and equal to it:
///  1. irreducible: the Bayes error (what the best possible classifier misses);
///  2. model too simple: the training error the same layers keep even when trained well (`WellTrained`),
///     above what the data force;
///  3. optimisation: the training error this run has above what the same layers reach when trained well, with its
///     cause (`OptimisationCause`); rows 2 and 3 are measured only when the run falls clearly short of what the data allow;
///  4. wrong labels: test labels that look wrong by the training points around them, where label noise doubts
///     training labels (`WrongTestLabels`; the built-in sets never flip test labels), plus what the wrong training
///     labels cost on test: the same setting trained with them put right does that much better (`CorrectedLabels`);
///  5. variance: how much worse the setting does on training rows it never saw (k-fold cross-validation)
///     than on those it trained on, when that gap is beyond chance: what overfitting's accuracy test sees;
///  6. sampling: how far this test set's error lies from the rows above, as long as the accuracy they predict lies in
///     the test accuracy's 95% interval (the interval `small-test-set` shows): chance alone explains that much. It is negative when
///     the test set came out luckier than the rows predict (a gauss test set missing 12.5% where the Bayes error is 15.5%).
/// A row whose measurement says there is nothing is 0; no row is cut to fit what the others left. The rows add up to
/// the test error: what they do not account for beyond chance is `unexplained` (negative when they overshoot it).
public struct ErrorBudget: Equatable, Sendable {
    public var trainAccuracy: Double
    public var testAccuracy: Double
    /// Always every key, in the order above, then `unexplained`; unused ones are 0.
    public var rows: [BudgetRow]

    /// nil without a test set: there is nothing to account for.
    public init?(_ context: DiagnosisContext) {
        let facts = context.facts
        let test = facts.test
        guard test.n > 0 else { return nil }
        trainAccuracy = facts.train.accuracy
        testAccuracy = test.accuracy
        let missing = 1 - test.accuracy
        var rows: [BudgetRow] = []

        // 1. The Bayes error.
        rows.append(BudgetRow(key: "irreducible", share: facts.bayes.value,
                              evidence: [facts.allowedEvidence], text: facts.allowedEvidence.text))

        // 2–3. The training shortfall, split by the experiment; without a clear shortfall both rows are 0.
        let excess = max(0, facts.trainError - facts.floor)
        let shortfall = "training error \(Format.percent(facts.trainError)) where the data force \(Format.percent(facts.floor))"
        let cause = context.optimisationCause
        if context.diverged {
            rows.append(BudgetRow(key: "too-simple", share: 0, evidence: [],
                                  text: "not measured: training blew up"))
            rows.append(BudgetRow(key: "optimisation", share: excess,
                                  evidence: [facts.trainAccuracyEvidence, context.learningRateEvidence],
                                  text: "\(shortfall); training blew up (\(context.learningRateEvidence.text))"))
        } else if facts.fallsShort, let well = context.wellTrained {
            let wellError = 1 - well.trainAccuracy
            let experiment = Evidence("well_trained_train_accuracy", well.trainAccuracy,
                                      "the same layers trained well (\(well.changes(from: context.settings))) get "
                                        + "\(Format.percent(well.trainAccuracy)) on train")
            rows.append(BudgetRow(key: "too-simple", share: max(0, wellError - facts.floor), evidence: [experiment],
                                  text: "\(experiment.text), where the data force \(Format.percent(facts.floor)) error"))
            let because = cause.map { "; cause: \($0.text)" } ?? ""
            rows.append(BudgetRow(key: "optimisation", share: max(0, facts.trainError - max(wellError, facts.floor)),
                                  evidence: [facts.trainAccuracyEvidence, experiment] + (cause?.evidence.map { [$0] } ?? []),
                                  text: "\(shortfall); \(experiment.text)\(because)"))
        } else {
            let text = facts.fallsShort ? "not measured: interrupted"
                : "\(shortfall): within the \(Format.percent(facts.allowedTrainError)) the data allow"
            rows.append(BudgetRow(key: "too-simple", share: 0, evidence: [facts.trainAccuracyEvidence], text: text))
            rows.append(BudgetRow(key: "optimisation", share: 0, evidence: [facts.trainAccuracyEvidence], text: text))
        }

        // 4. Wrong labels: test labels that look wrong by the training rows around them (a file's; the built-in sets never
        //    flip test labels), looked for only where label noise doubts training labels; and what wrong training labels
        //    cost on test, by training the same setting with them put right (`CorrectedLabels`).
        var wrongShare = 0.0, wrongEvidence: [Evidence] = [], wrongText: [String] = []
        if context.spec != nil {
            wrongText.append("the test labels are never flipped")
        } else if let wrong = WrongTestLabels(context) {
            let found = Evidence("doubted_test_share", wrong.share,
                                 "\(wrong.doubted) of \(wrong.of) test labels look wrong by the training points around them "
                                    + "(their \(WrongTestLabels.k) nearest, the doubted ones left out)")
            wrongShare += wrong.share
            wrongEvidence.append(found)
            wrongText.append(found.text)
        } else {
            wrongText.append(context.doubtedLabels == nil ? "no training label looks wrong, so none is looked for among the test labels"
                                : "test labels not measured: too many test points to check")
        }
        if let corrected = context.correctedLabels {
            let how = context.spec != nil ? "flipped" : "doubted"
            let cost = Evidence("corrected_labels_test_accuracy", corrected.testAccuracy,
                                "the same training with the \(corrected.points.count) \(how) training labels put right gets "
                                    + "\(Format.percent(corrected.testAccuracy)) on test, this run \(Format.percent(test.accuracy))")
            wrongShare += max(0, corrected.testAccuracy - test.accuracy)
            wrongEvidence.append(cost)
            wrongText.append(cost.text)
        }
        rows.append(BudgetRow(key: "wrong-labels", share: wrongShare, evidence: wrongEvidence,
                              text: wrongText.joined(separator: "; ")))

        // 5. Variance: how much worse the setting does on rows it never saw than on those it trained on, measured by
        //    k-fold cross-validation on the training rows; 0 when that gap is within its interval.
        if facts.fallsShort {
            // A model that cannot fit its own training rows scores rows it never saw around chance, and k-fold scores
            // around chance lean low (a line through circles: 53.8% on train, 43.8% out of fold): no gap to measure.
            rows.append(BudgetRow(key: "variance", share: 0, evidence: [],
                                  text: "not measured: the model falls short on its own training rows"))
        } else if let cv = context.crossValidation, let wrong = CorrectedLabels.wrong(context), !wrong.isEmpty {
            // Known or doubted wrong labels left out on both sides: fitting them is the wrong-labels row's cost.
            let g = cv.gap(context, leaving: Set(wrong))
            let how = context.spec != nil ? "flipped" : "doubted"
            let verdict = Evidence("gap_beyond_chance", g.beyond,
                                   "train \(Format.percent(g.train)) vs \(Format.percent(g.outOfFold)) on rows it never saw, "
                                    + (g.beyond > 0 ? "beyond" : "within") + " chance")
            rows.append(BudgetRow(key: "variance", share: g.beyond > 0 ? g.train - g.outOfFold : 0,
                                  evidence: [Evidence("train_accuracy", g.train, "training accuracy \(Format.percent(g.train))"),
                                             Evidence("cross_validated_accuracy", g.outOfFold,
                                                      "\(CrossValidation.folds)-fold cross-validation: \(Format.percent(g.outOfFold)) right"),
                                             verdict],
                                  text: "\(verdict.text) (\(CrossValidation.folds)-fold cross-validation on the \(g.n) training rows "
                                    + "whose labels are not \(how), each predicted by the same setting trained without it)"))
        } else if let cv = context.crossValidation {
            let gap = facts.train.accuracy - cv.accuracy, beyond = cv.gapBeyondChance(train: facts.train.accuracy)
            let verdict = Evidence("gap_beyond_chance", beyond,
                                   "train \(Format.percent(facts.train.accuracy)) vs \(Format.percent(cv.accuracy)) on rows it never saw, "
                                    + (beyond > 0 ? "beyond" : "within") + " chance")
            rows.append(BudgetRow(key: "variance", share: beyond > 0 ? gap : 0, evidence: [cv.evidence, verdict],
                                  text: "\(verdict.text) (\(cv.evidence.text))"))
        } else {
            rows.append(BudgetRow(key: "variance", share: 0, evidence: [],
                                  text: "not measured: too few training rows, a blow-up, or interrupted"))
        }

        // 6. Sampling: how far this test set's error lies from what the rows above predict, as far as the test
        //    accuracy's 95% interval (the interval small-test-set shows) reaches either way: chance alone explains that.
        let predicted = rows.reduce(0) { $0 + $1.share }
        let interval = facts.testInterval
        // The accuracy the rows predict, 1 - predicted, is chance's doing while it lies in the interval the test set
        // allows: the difference can reach up to the interval's high end and down to its low end (a perfect test set
        // of 40 points allows 91%–100%, so a predicted 99.4% is chance: -0.6%).
        let sampling = min(max(missing - predicted, interval.low - test.accuracy), interval.high - test.accuracy)
        let within = "a test set of \(test.n) points at \(Format.percent(test.accuracy)) is known only to "
            + "\(Format.percent(interval.low, decimals: 0))–\(Format.percent(interval.high, decimals: 0)) (95% interval)"
        let luckier = missing < predicted ? ": this test set came out luckier" : ""
        rows.append(BudgetRow(key: "sampling", share: sampling,
                              evidence: [Evidence("interval_low", interval.low, within), Evidence("interval_high", interval.high, within)],
                              text: "test error \(Format.percent(missing)) against \(Format.percent(predicted)) measured above\(luckier); \(within)"))
        let left = missing - predicted - sampling
        rows.append(BudgetRow(key: "unexplained", share: left, evidence: [],
                              text: left < 0 ? "the rows above add up to more than the test error, by more than chance explains"
                                : "what none of the measurements above accounts for"))
        self.rows = rows
    }

    public var missing: Double { 1 - testAccuracy }

    public func share(_ key: String) -> Double { rows.first { $0.key == key }?.share ?? 0 }

    /// The measured row with the largest share (never `unexplained`); nil when every measured row is 0.
    public var largest: BudgetRow? {
        rows.filter { $0.key != "unexplained" && $0.share > 0 }.max { $0.share < $1.share }
    }
}

