import NNCore

/// Would more data help? The same setting trained on growing fractions of the training rows, always scored
/// on the same test set, and read as "ML Yearning" reads such curves (chapters 28–32): test accuracy still
/// rising with the train–test gap closing says more data helps; both flat and close together say it will not.
public struct LearningCurve: Sendable {
    public struct Size: Sendable {
        /// The fraction of the training rows asked for, and the rows that makes (each class kept in proportion).
        public var fraction: Double
        public var rows: Int
        /// Final accuracy of each seed's run.
        public var train: [Double], test: [Double]

        public var trainMedian: Double { RunStatistics.median(train) }
        public var testMedian: Double { RunStatistics.median(test) }
        /// The lowest to the highest seed's accuracy.
        public var trainRange: ClosedRange<Double> { (train.min() ?? 0)...(train.max() ?? 0) }
        public var testRange: ClosedRange<Double> { (test.min() ?? 0)...(test.max() ?? 0) }
    }

    public enum Verdict: String, Sendable {
        case moreDataHelps = "more-data-helps", flat, unclear
    }

    /// Why the verdict, as facts the renderer words.
    public enum Reason: Equatable, Sendable {
        /// Test accuracy rose by `rise` over the larger half of the sizes, and the gap closed from `gapFrom` to `gapTo`.
        case rising(rise: Double, gapFrom: Double, gapTo: Double)
        /// Flat and close; `irreducible` when the test error left is about the data's own overlap (else the model is too simple).
        case flat(gap: Double, irreducible: Bool)
        /// Test rose, but the gap did not close.
        case gapNotClosing(rise: Double, gapFrom: Double, gapTo: Double)
        /// Test stopped rising with train still well above it.
        case flatWithGap(gap: Double)
        /// Test fell as the rows grew.
        case falling(rise: Double)
        /// The seeds disagree by more than the curve moves.
        case noisy(spread: Double)
        /// Too few sizes, or stopped before two sizes were done.
        case tooFewSizes
    }

    /// The quick curve `diagnose verify` runs when variance is the largest part of the missing accuracy: half the
    /// training rows and all of them, three seeds each (six trainings of the run's length in gradient steps).
    public static let quickFractions = [0.5, 1.0], quickSeeds = 3

    public var sizes: [Size]
    public var verdict: Verdict
    public var reason: Reason
    /// How much the test accuracy must move to count: the seeds' spread, and never less than one test point.
    public var noise: Double
    public var testPoints: Int
    /// Ctrl-C stopped it; `sizes` holds those finished.
    public var interrupted: Bool

    /// Trains `experiment` over `seeds` on each fraction of `data`'s training rows. Smaller sets take as many gradient
    /// steps as the whole set does in `experiment.config.epochs` (more epochs of fewer batches), so a size is not
    /// judged on less training. `bayesError` (when known) tells an irreducible error from a too simple model.
    public static func measure(_ experiment: Experiment, on data: TrainingData, fractions: [Double], seeds: [UInt32],
                               bayesError: Double?, shouldStop: () -> Bool = { false }) -> LearningCurve {
        var sizes: [Size] = [], interrupted = false
        for fraction in fractions.sorted() {
            var train: [Double] = [], test: [Double] = [], rows = 0
            for seed in seeds {
                let subset = Self.subset(data, fraction: fraction, seed: seed)
                rows = subset.yTrain.count
                var run = experiment
                run.config.epochs = epochs(experiment.config, rows: rows, of: data.yTrain.count)
                let result = run.run(on: subset, seeds: [seed], shouldStop: shouldStop)
                if result.interrupted { interrupted = true; break }
                train += result.runs.map(\.train.accuracy)
                test += result.runs.map(\.test.accuracy)
            }
            if interrupted { break }
            sizes.append(Size(fraction: fraction, rows: rows, train: train, test: test))
        }
        var curve = LearningCurve(sizes: sizes, verdict: .unclear, reason: .tooFewSizes, noise: 0,
                                  testPoints: data.yTest.count, interrupted: interrupted)
        curve.judge(bayesError: bayesError)
        return curve
    }

    /// The epochs that give `rows` rows as many gradient steps as `config.epochs` epochs of all `total` rows.
    public static func epochs(_ config: TrainConfig, rows: Int, of total: Int) -> Int {
        let batch = max(1, config.batch)
        func steps(_ n: Int) -> Int { (n + min(batch, max(n, 1)) - 1) / min(batch, max(n, 1)) }
        return max(1, Int((Double(config.epochs) * Double(steps(total)) / Double(max(steps(rows), 1))).rounded(.up)))
    }

    /// The rows each fraction of `data` keeps (the same for every seed: each class's share is rounded alike).
    public static func rows(_ data: TrainingData, fraction: Double) -> Int {
        Set(data.yTrain).sorted().reduce(0) { sum, label in
            sum + max(1, Int((fraction * Double(data.yTrain.filter { $0 == label }.count)).rounded()))
        }
    }

    /// The training rows for `fraction`: each class's rows in an order drawn from `seed`, the first share of each
    /// (at least one), so every size keeps the classes' proportions and a larger fraction holds the smaller ones.
    static func subset(_ data: TrainingData, fraction: Double, seed: UInt32) -> TrainingData {
        var rng = RandomState(seed: seed)
        let order = rng.permutation(data.yTrain.count)
        var chosen: [Int] = []
        for label in Set(data.yTrain).sorted() {
            let rows = order.filter { data.yTrain[$0] == label }
            chosen += rows.prefix(max(1, Int((fraction * Double(rows.count)).rounded())))
        }
        chosen.sort()
        let d = data.features
        var x = [Double](), y = [Double]()
        x.reserveCapacity(chosen.count * d)
        for i in chosen {
            x += data.xTrain[(i * d)..<((i + 1) * d)]
            y.append(data.yTrain[i])
        }
        return TrainingData(xTrain: x, yTrain: y, xTest: data.xTest, yTest: data.yTest, features: d, classes: data.classes)
    }

    /// Two test accuracies within this many points of each other are "close": tuned so that gauss with a large test
    /// set (train and test within 1–2 points of each other at every size) reads flat. A rise smaller than this is
    /// not material either (CurveVerdictGradingTests grades both on held-out cases).
    static let closeGap = 0.03

    /// Reads the larger half of the curve: from the middle size to the largest. With one seed the line's
    /// scatter is all there is to go on, and with two sizes nothing: the verdict is then unclear.
    mutating func judge(bayesError: Double?) {
        guard sizes.count >= 2, let last = sizes.last else { verdict = .unclear; reason = .tooFewSizes; return }
        let half = Array(sizes[((sizes.count - 1) / 2)...]), first = sizes[0]
        // The rise over the larger half: a least-squares line through every seed's test accuracy there, and
        // twice its standard error as the noise (never less than one test point).
        let points = half.flatMap { s in s.test.map { (x: s.fraction, y: $0) } }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.x } / n, my = points.reduce(0) { $0 + $1.y } / n
        let sxx = points.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        let slope = sxx > 0 ? points.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) } / sxx : 0
        let residuals = points.reduce(0) { r, p in r + (p.y - my - slope * (p.x - mx)) * (p.y - my - slope * (p.x - mx)) }
        let span = last.fraction - half[0].fraction
        let slopeError = n > 2 && sxx > 0 ? (residuals / (n - 2) / sxx).squareRoot() : .infinity
        noise = max(1 / Double(max(testPoints, 1)), 2 * slopeError * span)
        let rise = slope * span
        let gapFrom = first.trainMedian - first.testMedian, gapTo = last.trainMedian - last.testMedian
        let close = max(Self.closeGap, noise)
        // A rise no larger than the seeds' own disagreement at one size (their median min–max range over the larger
        // half) is not evidence that rows help: seeds alone move the test accuracy that much. The regression's error
        // above misses it when the seeds agree with each other but sit near a ceiling (a 0.5-point rise at 98%).
        let seedSpread = RunStatistics.median(half.map { $0.testRange.upperBound - $0.testRange.lowerBound })
        if rise > noise, rise <= seedSpread {
            (verdict, reason) = (.unclear, .noisy(spread: seedSpread))
        } else if rise > max(noise, Self.closeGap) {
            // Material as well as beyond noise: a rise smaller than the gap that counts as "close" is read as flat,
            // one notion of a difference that matters for both. (A 0.4-point rise, one test point of 240, read as
            // "more data would help" on a linear model whose test accuracy 4× the rows left where it was.)
            if gapTo < gapFrom - noise {
                (verdict, reason) = (.moreDataHelps, .rising(rise: rise, gapFrom: gapFrom, gapTo: gapTo))
            } else {
                (verdict, reason) = (.unclear, .gapNotClosing(rise: rise, gapFrom: gapFrom, gapTo: gapTo))
            }
        } else if rise < -noise {
            (verdict, reason) = (.unclear, .falling(rise: rise))
        } else if gapTo <= close {
            // What is left wrong on test: about the data's overlap (irreducible), or well above it (too simple).
            let irreducible = 1 - last.testMedian <= (bayesError ?? 0) + close
            (verdict, reason) = (.flat, .flat(gap: gapTo, irreducible: irreducible))
        } else if noise > Self.closeGap {
            (verdict, reason) = (.unclear, .noisy(spread: noise))
        } else {
            (verdict, reason) = (.unclear, .flatWithGap(gap: gapTo))
        }
    }
}
