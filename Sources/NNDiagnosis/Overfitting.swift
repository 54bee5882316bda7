#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// The model does clearly worse on new points than on the ones it trained on: by more than the luck of
/// which points ended up in the test set can explain, or with a test loss that climbs while it fits its
/// training points ever closer.
///
/// Only the test set is a sample here. The training points are the ones the model was fitted to, so their
/// errors and the test errors are not alike: a test of the two counts against each other (Fisher's exact
/// test, used before) fired on 3 misses of 40 after 0 of 160 (Example 3's setting on data seeds 5 and 8,
/// p 0.0075) although the same report's error budget put that shortfall within the test set's luck, and
/// the slower Example 2 also misses 3 of those 40 test points.
public struct Overfitting: Analyzer {
    /// Smaller gaps are not worth a finding even when they are real.
    static let gap = 0.05
    /// The test loss rose clearly: to at least twice its lowest, past what answering 50/50 for every point
    /// scores (ln 2; with k classes 1/k each, ln k), while the training loss fell. Examples 2 and 3, clean moons and Example 3's setting
    /// on data seeds 1–8 end at 0.21 or less (data seed 5: 0.11 at epoch 88, 0.21 at epoch 500); the overfitting lesson's
    /// went from 0.361 at epoch 59 to 1.86, and on other data seeds of the lesson to 1.1–10.8.
    static let lossRise = 2.0, guessing = log(2.0)
    /// The test loss's lowest counts only this far into the run, as with the early-stopping fix.
    static let early = 0.8
    /// The remedies' settings, as the issue that asked for them names them (Keras' usual first tries).
    static let patience = 20, dropout = 0.2, l2 = 0.01

    public init() {}
    public var ids: [String] { ["overfitting"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard !context.diverged else { return [] }
        let facts = context.facts
        let train = facts.train
        guard train.n > 0 else { return [] }
        // A model that does not clearly beat always answering the commoner class (by twice the binomial spread)
        // has learnt nothing to overfit with: where its boundary cuts the test points is luck, and underfitting
        // is its trouble. A line through circles (data seed 1) got 52.5% on train and 27.5% on test.
        let counts = context.data.dataset.counts(of: context.data.split.train)
        let baseline = Double(counts.max()!) / Double(max(train.n, 1))
        guard train.accuracy - baseline > 2 * (baseline * (1 - baseline) / Double(max(train.n, 1))).squareRoot() else { return [] }
        // Nor has a model still well short of what the data allow on its own training points (underfitting or
        // unfinished training): its trouble is fitting at all, and stopping earlier or l2 would not help. A line
        // through circles that cuts off a cap of the outer ring gets 62–66% on train; on data seeds 7 and 8 (and on
        // xor, data seed 2) it got 47.5–50% on test, 2–4 points more short than 40 test points explain.
        guard !facts.fallsShort else { return [] }

        // 1. The accuracy: rows the model never saw (k-fold on the training rows, far more of them than the test
        //    set holds) come out clearly worse than the rows it trained on, beyond the out-of-fold interval.
        //    The test set, where there is one, must show a gap too: k-fold models train on a fifth fewer rows, which
        //    alone costs a data-hungry shape a few points (a spiral with 5% flips: 97.5% train, 90.6% out of fold, 95% test).
        //    Where labels were flipped on purpose the training accuracy counts flips it follows as right and the test
        //    set's labels are not flipped, so one small test set says little: the gap is measured on the population,
        //    fresh points from the same generator (`population`). moons with 20% flipped and two layers of 64 follow
        //    flipped labels yet scored below their 40 test points on train.
        let population = Self.population(context)
        let unseen = population?.value ?? facts.test.accuracy
        guard let cv = context.crossValidation, train.accuracy - cv.accuracy >= Self.gap,
              (facts.test.n == 0 && population == nil) || train.accuracy - unseen >= Self.gap else { return [] }
        let beyond = cv.gapBeyondChance(train: train.accuracy)
        // 2. The loss: the test loss bottomed out early and has since risen clearly while the training loss fell.
        let settings = context.settings
        let history = context.run.history
        var rise: (best: EpochRecord, last: EpochRecord)?
        let guessing = context.classes == 2 ? Self.guessing : Evaluation.chanceLoss(classes: context.classes)
        if let best = history.bestTestEpoch, let last = history.last,
           Double(best.epoch) < Self.early * Double(settings.epochs), last.testLoss >= Self.lossRise * best.testLoss,
           last.testLoss > guessing, last.trainLoss < best.trainLoss {
            rise = (best, last)
        }
        guard beyond > 0 || rise != nil else { return [] }

        var evidence = [facts.trainAccuracyEvidence, cv.evidence,
                        Evidence("gap_beyond_chance", beyond,
                                 "\(Format.percent(train.accuracy - cv.accuracy)) worse on rows it never saw, "
                                 + (beyond > 0 ? "more than" : "within") + " the \(Format.percent(cv.accuracy - cv.interval.low)) "
                                 + "chance allows"),
                        facts.testAccuracyEvidence]
        if let population { evidence.append(population) }
        // The remedies a learner with their own data can apply, none of them tuned on the test set: early
        // stopping on a held-out share of the training rows, dropout, an l2 penalty.
        var fixes: [Fix] = []
        if settings.patience == 0 { fixes.append(.train(settings) { $0.patience = Self.patience }) }
        let hidden = context.hiddenLayers
        if !hidden.isEmpty, hidden.contains(where: { $0.dropout < Self.dropout }) {
            fixes.append(.model(hidden.map { var h = $0; h.dropout = Self.dropout; return h }))
        }
        if settings.l2 < Self.l2 { fixes.append(.train(settings) { $0.l2 = Self.l2 }) }
        if let best = history.bestTestEpoch, let last = history.last {
            evidence.append(Evidence("best_epoch", Double(best.epoch),
                                     "test loss was lowest at epoch \(best.epoch) (\(Format.number(best.testLoss))); "
                                     + "at epoch \(last.epoch) it was \(Format.number(last.testLoss))"))
        }
        if let rise {
            evidence.append(Evidence("test_loss_rise", rise.last.testLoss / rise.best.testLoss,
                                     "since then the test loss has grown \(Format.number(rise.last.testLoss / rise.best.testLoss, digits: 2)) "
                                     + "times, past the \(Format.number(guessing)) of \(context.classes == 2 ? "answering 50/50" : "giving each class 1/\(context.classes)") for every point, while the "
                                     + "training loss fell from \(Format.number(rise.best.trainLoss)) to \(Format.number(rise.last.trainLoss))"))
        }
        let headline = beyond > 0
            ? "the model does much better on its training points (\(Format.percent(train.accuracy))) "
                + "than on points it has not seen (\(Format.percent(cv.accuracy)) in cross-validation)"
            : "the model keeps fitting its training points closer while its answers on new points grow more confidently wrong "
                + "(test loss up \(Format.number(rise!.last.testLoss / rise!.best.testLoss, digits: 2)) times since epoch \(rise!.best.epoch))"
        let surer = rise == nil ? "" : ", and it grows ever surer of its wrong answers there"
        return [Finding(
            id: "overfitting", severity: .problem,
            headline: headline,
            evidence: evidence,
            why: "The model has learned details of its own training points, noise included, that do not carry over to "
                + "new points\(surer). Stopping once a held-out share of the training rows stops improving, dropping "
                + "units at random while training (dropout) or penalising large weights (l2) keeps the boundary simpler.",
            fixes: fixes, measure: .gap)]
    }

    /// Fresh points a generated set's population gap is measured on.
    static let freshPoints = 2000

    /// For generated data with labels flipped on purpose: the accuracy on `freshPoints` new points from the same
    /// generator (another data seed, no flips), scaled as the session's; nil otherwise.
    static func population(_ context: DiagnosisContext) -> Evidence? {
        guard var fresh = context.spec, !context.flipped.isEmpty else { return nil }
        fresh.n = freshPoints
        fresh.seed = fresh.seed &+ 7919
        fresh.flip = 0
        let data = fresh.generate().prepared.dataset
        let x = context.data.scaler.transform(data.x)
        let accuracy = Evaluation(network: context.run.network, x: x, y: data.y.map(Double.init)).accuracy
        return Evidence("population_accuracy", accuracy,
                        "on \(freshPoints) fresh points from the same generator (none flipped) it gets \(Format.percent(accuracy))")
    }
}
