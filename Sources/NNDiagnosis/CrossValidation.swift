#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// The session's setting (same layers, same train settings) trained k times on the training rows, each time
/// without one fold, which it then predicts: every training row judged by a model that never saw it. This is
/// what train/test judgements rest on instead of one small test set (a test set of 20–40 points alone swings
/// by 10–15 points), and its out-of-fold probabilities are what confident learning reads.
struct CrossValidation {
    static let folds = 5

    /// P(class 1) for each training row (in split order) from the model that did not train on it; with k ≥ 3
    /// classes, the k class probabilities of each row, row after row.
    let probabilities: [Double]
    /// The out-of-fold answer for each training row (in split order).
    let predicted: [Int]
    /// Out-of-fold accuracy against the training labels as given.
    let accuracy: Double
    let n: Int

    /// nil with fewer than two rows per fold, after a blow-up, or when interrupted. Without `model`, the session's
    /// setting on its training rows; with it, those layers and settings on `data`'s training rows.
    init?(_ context: DiagnosisContext, model: (hidden: [LayerSpec], settings: TrainConfig, data: TrainingData)? = nil) {
        let data = model?.data ?? context.data.training
        let n = data.yTrain.count, d = data.features
        guard n >= 2 * Self.folds, model != nil || !context.diverged else { return nil }
        var rng = RandomState(seed: 0)
        var fold = [Int](repeating: 0, count: n)
        for (position, row) in rng.permutation(n).enumerated() { fold[row] = position % Self.folds }
        let classes = data.classes, width = classes == 2 ? 1 : classes
        var probabilities = [Double](repeating: 1 / Double(max(classes, 2)), count: n * width)
        var predicted = [Int](repeating: 0, count: n)
        let settings = model?.settings ?? context.settings, hidden = model?.hidden ?? context.hiddenLayers
        for k in 0..<Self.folds {
            let inside = (0..<n).filter { fold[$0] != k }, outside = (0..<n).filter { fold[$0] == k }
            func rows(_ r: [Int]) -> [Double] { r.flatMap { data.xTrain[($0 * d)..<(($0 + 1) * d)] } }
            let part = TrainingData(xTrain: rows(inside), yTrain: inside.map { data.yTrain[$0] },
                                    xTest: rows(outside), yTest: outside.map { data.yTrain[$0] }, features: d, classes: data.classes)
            // The held-out fold is the experiment's test split.
            let result = Experiment(hidden: hidden, config: settings)
                .run(on: part, seeds: [settings.seed], shouldStop: context.shouldStop)
            guard !result.interrupted, let trained = result.runs.first else { return nil }
            let logits = trained.testLogits
            if classes == 2 {
                for (row, logit) in zip(outside, logits) { probabilities[row] = 1 / (1 + exp(-logit)) }
            } else {
                let p = Network.probabilities(logits: logits, classes: classes)
                for (r, row) in outside.enumerated() {
                    for c in 0..<classes { probabilities[row * classes + c] = p[r * classes + c] }
                }
                for (row, c) in zip(outside, Network.predictions(logits: logits, classes: classes)) { predicted[row] = c }
            }
        }
        if classes == 2 { predicted = probabilities.map { $0 > 0.5 ? 1 : 0 } }
        self.probabilities = probabilities
        self.predicted = predicted
        self.n = n
        accuracy = Double(zip(predicted, data.yTrain).filter { Double($0.0) == $0.1 }.count) / Double(n)
    }
}

extension DiagnosisContext {
    /// The default model (`CrossValidation.defaults`) with the fewest out-of-fold errors, cross-validated on first use;
    /// nil when none could run or it was interrupted.
    var defaultCrossValidation: CrossValidation? {
        if let known = shared.defaultCrossValidation { return known }
        let data = CrossValidation.defaultData(self), settings = CrossValidation.defaultSettings(rows: data.yTrain.count)
        var best: CrossValidation?
        for hidden in CrossValidation.defaults {
            guard let cv = CrossValidation(self, model: (hidden, settings, data)) else { best = nil; break }
            if cv.accuracy > best?.accuracy ?? -1 { best = cv }
        }
        shared.defaultCrossValidation = .some(best)
        return best
    }

    /// `CrossValidation` for this run, run on first use (nil when it cannot run or was interrupted).
    var crossValidation: CrossValidation? {
        if let known = shared.crossValidation { return known }
        let cv = CrossValidation(self)
        shared.crossValidation = .some(cv)
        return cv
    }
}

extension CrossValidation {
    /// Small models trained the way that usually works (Adam at lr 0.01, standardised inputs): a line and one hidden
    /// layer of 16 ReLU units. Their out-of-fold error bounds the Bayes error of data from a file from above, whatever
    /// model the session has (a line on xor, a run that failed).
    static let defaults: [[LayerSpec]] = [[], [LayerSpec(16, .relu)]]
    /// Rows × epochs each default trains for: 200 epochs on 400 rows, about a second of CPU in all at 64 features
    /// (release build); past `defaultRows` training rows, on a seeded sample of that many.
    static let defaultRowEpochs = 80_000, defaultRows = 1000

    /// The training rows the defaults cross-validate on, standardised: all of them, or a seeded sample.
    static func defaultData(_ context: DiagnosisContext) -> TrainingData {
        let d = context.data
        let all = PreparedData(dataset: d.dataset, split: d.split, scaled: true, features: d.features).training
        guard all.yTrain.count > defaultRows else { return all }
        var rng = RandomState(seed: 0)
        let rows = rng.permutation(all.yTrain.count).prefix(defaultRows).sorted(), f = all.features
        return TrainingData(xTrain: rows.flatMap { all.xTrain[($0 * f)..<(($0 + 1) * f)] }, yTrain: rows.map { all.yTrain[$0] },
                            xTest: all.xTest, yTest: all.yTest, features: f, classes: all.classes)
    }

    static func defaultSettings(rows: Int) -> TrainConfig {
        TrainConfig(learningRate: WellTrained.learningRate, epochs: max(20, min(500, defaultRowEpochs / max(rows, 1))))
    }

    /// `training` jobs: the defaults' folds on `data`.
    static func defaultJobs(_ data: TrainingData) -> [TrainingJob] {
        defaults.map { TrainingJob(hidden: $0, data: data, config: defaultSettings(rows: data.yTrain.count), runs: folds) }
    }

    /// The out-of-fold accuracy's 95% interval: the one sampling interval, on the training rows.
    var interval: (low: Double, high: Double) { Proportion.interval(Int((accuracy * Double(n)).rounded()), of: n) }

    /// How much better the model does on the rows it trained on than on rows it did not see, beyond what the
    /// out-of-fold accuracy's interval allows: positive only when the gap is real.
    func gapBeyondChance(train: Double) -> Double { train - accuracy - (accuracy - interval.low) }

    /// The train/out-of-fold gap on the training rows not in `left` (dataset indices: labels known or doubted to be
    /// wrong). A model that learns a flipped label counts it right on train and wrong out of fold: that is what the
    /// wrong label costs (the budget's wrong-labels row), not variance. `beyond` as `gapBeyondChance`, on these rows.
    func gap(_ context: DiagnosisContext, leaving left: Set<Int>) -> (train: Double, outOfFold: Double, beyond: Double, n: Int) {
        let data = context.data, y = data.training.yTrain, answers = context.trainPredictions
        let kept = data.split.train.indices.filter { !left.contains(data.split.train[$0]) }
        let train = kept.filter { answers[$0] == y[$0] }.count, unseen = kept.filter { Double(predicted[$0]) == y[$0] }.count
        let n = max(kept.count, 1), outOfFold = Double(unseen) / Double(n)
        let low = Proportion.interval(unseen, of: kept.count).low
        return (Double(train) / Double(n), outOfFold, Double(train) / Double(n) - outOfFold - (outOfFold - low), kept.count)
    }

    /// "5-fold cross-validation on the 160 training rows: each row predicted by a model that never saw it, 97.5% right (93–99%)"
    var evidence: Evidence {
        Evidence("cross_validated_accuracy", accuracy,
                 "\(Self.folds)-fold cross-validation on the \(n) training rows (each predicted by the same setting trained "
                    + "without it): \(Format.percent(accuracy)) right, likely \(Format.percent(interval.low, decimals: 0))–"
                    + "\(Format.percent(interval.high, decimals: 0))")
    }
}
