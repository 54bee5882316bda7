#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNCore

/// The error rate of the best possible classifier: what no model can beat.
public struct BayesErrorEstimate: Equatable, Sendable {
    /// Expected error rate of the best possible classifier, 0...1 − 1/k for k classes.
    public var value: Double
    /// An interval around `value` (equal to it when exact).
    public var low: Double, high: Double
    /// True when computed from a built-in generator's known class densities.
    public var exact: Bool
    /// When estimated from a random sample of the training rows (too many to search whole): its size.
    public var sample: Int?
    /// Training labels left out as wrong (label noise's doubts), not counted as overlap, and their share of the rows.
    public var doubted = 0, doubtedShare = 0.0
    /// Taken from a cross-validated error, which bounds it, instead of the neighbours': the session's setting's, or
    /// the best of the small default models' (`CrossValidation.defaults`) on that many training rows.
    public enum Bound: Equatable, Sendable { case setting, defaults(rows: Int) }
    public var bound: Bound?
    public var crossValidated: Bool { bound != nil }

    public init(value: Double, low: Double, high: Double, exact: Bool, sample: Int? = nil) {
        self.value = value
        self.low = low
        self.high = high
        self.exact = exact
        self.sample = sample
    }

    /// How a nearest-neighbour estimate was made: `whole` when every training point was searched,
    /// else from how large a sample.
    func neighboursPhrase(_ whole: String) -> String {
        let phrase = bound.map { bound -> String in
            switch bound {
            case .setting:
                return "bounded by this setting's \(CrossValidation.folds)-fold cross-validated error, lower than the nearest neighbours'"
            case .defaults(let rows):
                return "bounded by the \(CrossValidation.folds)-fold cross-validated error of a small model trained well (a line or "
                    + "16 ReLU units, adam at lr \(Format.number(WellTrained.learningRate)), standardised inputs) on \(rows) training "
                    + "rows, lower than the nearest neighbours'"
            }
        } ?? sample.map { "estimated from the nearest neighbours of a random sample of \($0) training points" } ?? whole
        return phrase + (doubted > 0 ? ", leaving out the \(doubted) labels that look wrong" : "")
    }
}

public enum BayesError {
    /// Exact for generated data (from the generator's class densities, with the imbalance as prior;
    /// flipped labels are label noise, not part of it); for loaded data, `loaded`.
    /// The exact Bayes error of generated data, without a trained model (a learning curve's verdict).
    public static func exact(_ spec: DataSpec) -> Double { integrate(spec.classDensities()) }

    public static func estimate(_ context: DiagnosisContext) -> BayesErrorEstimate {
        guard let spec = context.spec else {
            if let known = context.shared.bayes { return known }
            let estimate = loaded(context)
            context.shared.bayes = estimate
            return estimate
        }
        let e = integrate(spec.classDensities())
        return BayesErrorEstimate(value: e, low: e, high: e, exact: true)
    }

    /// Rows beyond which the exact separability test is skipped (its dense tableau grows with rows × features).
    static let separabilityRows = 2000

    /// For data from a file: 0 when a hyperplane (with k classes, one linear model) separates the training rows (exact LP: there is no overlap
    /// to find, and a neighbour count there only measures how thinly the boundary is sampled); else the
    /// leave-one-out k-NN error (k up to 15) on the standardised training rows, or, with 3 or more features,
    /// on the features that carry the classes if that errs less (`RelevantFeatures`), with a 95% interval.
    /// Measured on the loaded tuning scenarios (TuningScenarioTests.firstRoundCases): on all features, rings in 2 of 5–30 features
    /// came out at 12–30% and separable sets at 10–20%, where the Bayes error on fresh points is 0.
    static func loaded(_ context: DiagnosisContext) -> BayesErrorEstimate {
        let rows = context.neighbours.rows
        // Cut short by Ctrl-C, what the neighbours found so far is the answer.
        guard !context.shouldStop() else { return nearestNeighbours(context.neighbours, k: 15) }
        if rows.count <= separabilityRows, (rows.classes == 2 ? Separability.separable(rows.x, rows.y, features: rows.features)
            : Separability.separable(rows.x, labels: rows.y.map { Int($0) }, classes: rows.classes, features: rows.features)) == true {
            let (_, high) = Proportion.interval(0, of: rows.count)
            return BayesErrorEstimate(value: 0, low: 0, high: high, exact: false)
        }
        var estimate = nearestNeighbours(context.neighbours, k: 15)
        if let subset = context.relevantFeatures, Double(subset.wrong) / Double(subset.of) < estimate.value {
            let (low, high) = Proportion.interval(subset.wrong, of: subset.of)
            estimate = BayesErrorEstimate(value: Double(subset.wrong) / Double(subset.of), low: low, high: min(high, rows.chance), exact: false)
        }
        // A model's error on rows it never saw bounds the Bayes error from above: where the session's own setting,
        // 5-fold cross-validated, errs less than the neighbours say any model must, the neighbours were misled (noise
        // features the feature search kept, a boundary that needs several features at once, as xor does), and its
        // error is the estimate. Asked only where it could matter: the overlap would be named, and the model fits its
        // own training rows better than that overlap allows.
        if estimate.value >= ClassOverlap.noteAt, context.trainEvaluation.accuracy > 1 - estimate.value,
           let cv = context.crossValidation, 1 - cv.accuracy < estimate.value {
            estimate = BayesErrorEstimate(value: 1 - cv.accuracy, low: 1 - cv.interval.high, high: 1 - cv.interval.low,
                                          exact: false)
            estimate.bound = .setting
        }
        // Whatever the session's model, small models trained well bound it the same way: in many features the
        // neighbours count as overlap what is only a boundary they sample thinly. Measured on the loaded scenarios of
        // TuningScenarioTests: xor in 2 of 5–6 features (a line, or a run that died) 14–25% from the neighbours, 4–6%
        // from 16 ReLU units; a line with outliers 14% against 5%; Gaussians and soft boundaries overlapping by
        // 11–31% came out 10–30% either way (the defaults never below the overlap by more than 2 points).
        if estimate.value >= ClassOverlap.noteAt, let cv = context.defaultCrossValidation, 1 - cv.accuracy < estimate.value {
            estimate = BayesErrorEstimate(value: 1 - cv.accuracy, low: 1 - cv.interval.high, high: 1 - cv.interval.low,
                                          exact: false)
            estimate.bound = .defaults(rows: cv.n)
        }
        // Labels that label noise doubts are wrong labels, not overlap (as flips on generated data are left out of
        // its exact Bayes error): the neighbours misjudge nearly every one, so their share comes off. Measured on
        // the loaded tuning scenarios: linear sets in 5–30 features with 10% flips came out at 12–16% overlap.
        if let doubted = context.doubtedLabels {
            let share = Double(doubted.positions.count) / Double(max(context.relevantNeighbours.searched.count, 1))
            estimate.value = max(0, estimate.value - share)
            estimate.low = max(0, estimate.low - share)
            estimate.high = max(estimate.value, estimate.high - share)
            estimate.doubted = doubted.positions.count
            estimate.doubtedShare = share
        }
        return estimate
    }

    /// ∫ (Σ πc·pc − max πc·pc) over the plane, with two classes ∫ min(π0·p0, π1·p1), on a grid of cells σ/3 wide (at most 300 a side): each
    /// class's shape is spread onto the grid bilinearly, then blurred by a Gaussian along x and along y.
    /// Bilinear spreading itself blurs by h²/6 per axis, so the kernel adds only the rest of σ².
    /// Circles at σ 0.2 come out at 0.634% against 0.642% from the exact radial integral, in about a millisecond.
    static func integrate(_ classes: [ClassDensity]) -> Double {
        let sigma = classes[0].noise
        guard sigma > 0 else { return 0 }   // the built-in shapes never touch
        let points = classes.flatMap(\.shape)
        let xs = stride(from: 0, to: points.count, by: 2).map { points[$0] }
        let ys = stride(from: 1, to: points.count, by: 2).map { points[$0] }
        let x0 = xs.min()! - 5 * sigma, y0 = ys.min()! - 5 * sigma
        let width = xs.max()! + 5 * sigma - x0, height = ys.max()! + 5 * sigma - y0
        let h = max(sigma / 3, max(width, height) / 300)
        // Noise finer than the grid can hold (under a 735th of the span: noise=0.003 on circles) leaves the shapes,
        // which never touch, apart by hundreds of standard deviations; the smoothing below would take a square
        // root of a negative number.
        guard h * h < 6 * sigma * sigma else { return 0 }
        let nx = Int(width / h) + 3, ny = Int(height / h) + 3
        // On a wide shape with little noise the cells are capped at 1/300 of it, and bilinear spreading alone may
        // blur by more than σ (circles at noise 0.001 crashed here on a square root of a negative number): no kernel then.
        let spread = max(0, sigma * sigma - h * h / 6).squareRoot()
        let radius = spread > 0 ? Int((4 * spread / h).rounded(.up)) : 0
        var kernel = (-radius...radius).map { (k: Int) -> Double in
            let d = Double(k) * h
            return spread > 0 ? exp(-d * d / (2 * spread * spread)) : 1
        }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }

        let grids = classes.map { c -> [Double] in
            var g = [Double](repeating: 0, count: nx * ny)
            let mass = c.prior / Double(c.shape.count / 2)
            for p in stride(from: 0, to: c.shape.count, by: 2) {
                let fx = (c.shape[p] - x0) / h, fy = (c.shape[p + 1] - y0) / h
                let i = Int(fx), j = Int(fy), wx = fx - Double(i), wy = fy - Double(j)
                g[j * nx + i] += mass * (1 - wx) * (1 - wy)
                g[j * nx + i + 1] += mass * wx * (1 - wy)
                g[(j + 1) * nx + i] += mass * (1 - wx) * wy
                g[(j + 1) * nx + i + 1] += mass * wx * wy
            }
            g = blur(g, kernel, count: nx, step: 1, lines: ny, lineStep: nx)
            return blur(g, kernel, count: ny, step: nx, lines: nx, lineStep: 1)
        }
        // Where each class is likeliest the best classifier answers it and misses the rest: with two classes the smaller.
        var missed = 0.0
        for cell in 0..<(nx * ny) {
            var likeliest = 0
            for c in 1..<grids.count where grids[c][cell] > grids[likeliest][cell] { likeliest = c }
            for c in grids.indices where c != likeliest { missed += grids[c][cell] }
        }
        return missed
    }

    /// Convolves each of `lines` lines of `count` cells (`step` apart) with `kernel`, zero outside.
    private static func blur(_ g: [Double], _ kernel: [Double], count: Int, step: Int, lines: Int, lineStep: Int) -> [Double] {
        let radius = kernel.count / 2
        var out = [Double](repeating: 0, count: g.count)
        for line in 0..<lines {
            let base = line * lineStep
            for i in 0..<count {
                var sum = 0.0
                for k in max(0, radius - i)..<min(kernel.count, count - i + radius) {
                    sum += kernel[k] * g[base + (i + k - radius) * step]
                }
                out[base + i * step] = sum
            }
        }
        return out
    }

    /// Leave-one-out k-NN error on the standardised training rows, for the odd k up to `k` that errs
    /// least: a fixed k = 15 smooths thin shapes (a spiral arm, the gap between rings) into a few
    /// percent of error that is not in the data; the smallest of eight errors leans low instead,
    /// by less than the interval's width.
    /// On many rows in many dimensions only a random sample of rows is searched (`NeighbourLists`): the
    /// error is then that sample's, each row still voted on by its neighbours among all the training rows.
    static func nearestNeighbours(_ neighbours: NeighbourLists, k: Int) -> BayesErrorEstimate {
        let rows = neighbours.rows, m = neighbours.searched.count
        guard rows.count > k, m > 0 else { return BayesErrorEstimate(value: 0, low: 0, high: rows.chance, exact: false) }
        var wrong = [Int](repeating: 0, count: k + 1)
        for (i, list) in zip(neighbours.searched, neighbours.lists) {
            var vote = Vote(classes: rows.classes)
            for (j, neighbour) in list.prefix(k).enumerated() {
                vote.add(Int(rows.y[neighbour.index]))
                if j % 2 == 0, Double(vote.leader) != rows.y[i] { wrong[j + 1] += 1 }
            }
        }
        let fewest = stride(from: 1, through: k, by: 2).map { wrong[$0] }.min()!
        let (low, high) = Proportion.interval(fewest, of: m)
        return BayesErrorEstimate(value: Double(fewest) / Double(m), low: low, high: min(high, rows.chance), exact: false,
                                  sample: neighbours.sampled ? m : nil)
    }
}
