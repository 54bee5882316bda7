import NNCore
import NNDiagnosis
import NNPlot

extension Session {
    /// The model and settings `curve` and `compare` start from: the session's layers, and the last train's
    /// settings (Keras' defaults and the session's seed before any).
    func currentSetup() throws -> (LabData, Experiment) {
        let data = try requireData()
        guard let hidden else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`) first") }
        return (data, Experiment(hidden: hidden, config: run?.config ?? TrainConfig(seed: settings.seed)))
    }

    /// Trains `experiment` on each fraction of the training rows over `seeds` seeds (weighed first, as `doing`) and keeps
    /// the curve for the error budget when it finished.
    func learningCurve(_ data: LabData, _ experiment: Experiment, fractions: [Double], seeds: Int, doing: String) throws -> LearningCurve {
        // Read once, outside any closure: `data.spec.map(BayesError.exact)` in the call below crashed the Swift 6.3
        // optimizer (an ownership verification error in a release build).
        var bayesError: Double?
        if let spec = data.spec { bayesError = BayesError.exact(spec) }
        let training = data.prepared.training
        // Every size keeps at least one row of each class.
        guard Set(training.yTrain).count == training.classes else {
            throw CommandError("the training rows need \(training.classes == 2 ? "both classes" : "every class") for a curve")
        }
        guard !training.yTest.isEmpty else { throw CommandError("a curve scores every size on the test set, and there is none: use test=0.2") }
        // Each size is its own job: fewer rows for more epochs (as many gradient steps as the full set).
        try checkWork(fractions.map { fraction in
            let rows = LearningCurve.rows(training, fraction: fraction)
            var config = experiment.config
            config.epochs = LearningCurve.epochs(config, rows: rows, of: training.yTrain.count)
            return TrainingJob(inputs: training.features, hidden: experiment.hidden, trainRows: rows, testRows: training.yTest.count,
                               epochs: config.epochs, batch: config.batch, runs: seeds, classes: training.classes)
        }, doing: "\(doing) trains \(fractions.count) sizes × \(seeds) seeds")
        let curve = LearningCurve.measure(experiment, on: training, fractions: fractions,
                                          seeds: (0..<seeds).map { experiment.config.seed &+ UInt32($0) },
                                          bayesError: bayesError, shouldStop: shouldStop)
        if !curve.interrupted { lastCurve = (experiment, curve) }
        return curve
    }

    /// The last curve, when it trained the current run's layers and settings on the current data.
    var curveOfThisRun: LearningCurve? {
        guard let lastCurve, let run, let hidden, lastCurve.setup == Experiment(hidden: hidden, config: run.config) else { return nil }
        return lastCurve.curve
    }

    /// `curve [sizes=0.1,0.25,0.5,0.75,1] [seeds=3] [format=json] [file=PATH.svg]`.
    func curve(_ c: Invocation) throws -> String {
        let (data, experiment) = try currentSetup()
        let fractions = Array(Set((c.list("sizes") ?? [0.1, 0.25, 0.5, 0.75, 1].map(Invocation.Value.real)).compactMap { v -> Double? in
            if case .real(let x) = v { return x }
            return nil
        })).sorted()
        guard fractions.count >= 2 else { throw CommandError("a curve needs at least two sizes, e.g. sizes=0.5,1") }
        let seeds = c.integer("seeds") ?? 3
        let network = freshNetwork(data, experiment.hidden)
        let curve = try learningCurve(data, experiment, fractions: fractions, seeds: seeds, doing: "curve")
        if c.text("format") == "json" { return CurveRenderer.json(curve) }
        let figure = Plot.learningCurve(rows: curve.sizes.map(\.rows), train: curve.sizes.map(\.trainMedian),
                                        test: curve.sizes.map(\.testMedian), trainRange: curve.sizes.map(\.trainRange),
                                        testRange: curve.sizes.map(\.testRange), seeds: seeds,
                                        title: "\(data.name): learning curve")
        var text = CurveRenderer.text(curve, model: network.summary, seeds: seeds)
        if let file = c.text("file") {
            try write(figure.svg(), to: file)
            text += "\nwrote the learning curve to \(file)"
        } else if curve.sizes.count >= 2 {
            text += "\n" + figure.terminal(effectiveDisplay)
        }
        return text
    }
}
