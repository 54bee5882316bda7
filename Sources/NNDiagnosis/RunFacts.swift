import NNCore

extension DiagnosisContext {
    /// After a divergence the history and weights stop short: the `diverged` finding says so, others stay quiet.
    var diverged: Bool {
        if case .diverged = stop { return true }
        return false
    }

    /// The run's length as the learner meant it: the epochs trained, or those asked for when it blew up.
    var epochs: Int { diverged ? run.config.epochs : max(run.history.records.count, 1) }

    /// The run's settings with its length: the baseline every experiment changes one thing of.
    var settings: TrainConfig {
        var config = run.config
        config.epochs = epochs
        return config
    }

    /// How many hidden units of the given activations are stuck on the training points, of how many:
    /// `isStuck` sees one unit's pre-activations, one per training point.
    func hiddenUnits(_ activations: Set<Activation>, stuck isStuck: ([Double]) -> Bool) -> (stuck: Int, of: Int) {
        let network = run.network
        var stuck = 0, units = 0
        for (layer, values) in zip(network.hidden, network.hiddenValues(data.training.xTrain))
        where activations.contains(layer.activation) {
            for o in 0..<layer.outputs {
                units += 1
                if isStuck(stride(from: o, to: values.z.count, by: layer.outputs).map { values.z[$0] }) { stuck += 1 }
            }
        }
        return (stuck, units)
    }

    /// "learning rate 0.1 with adam", evidence several findings about the step size share.
    var learningRateEvidence: Evidence {
        Evidence("learning_rate", run.config.learningRate,
                 "learning rate \(Format.number(run.config.learningRate)) with \(run.config.optimizer.rawValue)")
    }
}

extension DiagnosisContext {
    /// The run's facts, computed on first use and then read by every analyzer of this diagnosis.
    var facts: RunFacts {
        if let facts = shared.facts { return facts }
        let facts = RunFacts(self)
        shared.facts = facts
        return facts
    }
}

/// What several analyzers and the error budget read off a run, computed once per diagnosis
/// (`DiagnosisContext.facts`): both splits measured, the Bayes error, the loss trend.
struct RunFacts {
    /// The current weights measured on both splits (the history may stop short of them after a divergence).
    let train: Evaluation, test: Evaluation
    let bayes: BayesErrorEstimate
    /// Share of training labels flipped on purpose, or for data from a file those label noise doubts: errors on
    /// those are right answers, so they are excused on top of the Bayes error (which leaves them out).
    let flipped: Double
    let trend: LossTrend?

    init(_ context: DiagnosisContext) {
        let data = context.data.training
        train = Evaluation(network: context.run.network, x: data.xTrain, y: data.yTrain)
        test = Evaluation(network: context.run.network, x: data.xTest, y: data.yTest)
        bayes = BayesError.estimate(context)
        flipped = context.spec == nil ? bayes.doubtedShare : Double(context.flipped.count) / Double(max(train.n, 1))
        trend = LossTrend(context.run.history.records.map(\.trainLoss))
    }

    var trainError: Double { 1 - train.accuracy }

    /// The training error the data forces: overlap plus flipped labels.
    var floor: Double { bayes.value + flipped }

    /// The most training error the data excuses: the floor (with the Bayes error's upper end) plus twice
    /// the binomial spread of an error rate measured on this many points, and never less than 2 points,
    /// so that one or two unlucky training points do not count as a shortfall.
    var allowedTrainError: Double {
        let b = floor, n = Double(max(train.n, 1))
        return bayes.high + flipped + max(0.02, 2 * (b * (1 - b) / n).squareRoot())
    }

    /// Training accuracy clearly below what the data allows.
    var fallsShort: Bool { trainError > allowedTrainError }

    /// "the best possible classifier misses 0.6% (known from how the data was made)"
    var allowedEvidence: Evidence {
        let how = bayes.exact ? "known from how the data was made"
            : "\(bayes.neighboursPhrase("estimated from nearest neighbours")), \(Format.percent(bayes.low))–\(Format.percent(bayes.high))"
        // Doubted labels of a file are named in `how` (the neighbours' phrase).
        let flips = flipped > 0 && bayes.exact ? "; \(Format.percent(flipped)) of the training labels were flipped on purpose" : ""
        return Evidence("bayes_error", bayes.value,
                        "the best possible classifier misses \(Format.percent(bayes.value)) (\(how))\(flips)")
    }

    var trainAccuracyEvidence: Evidence {
        Evidence("train_accuracy", train.accuracy, "training accuracy \(Format.percent(train.accuracy)) (\(train.n) points)")
    }

    var testAccuracyEvidence: Evidence {
        Evidence("test_accuracy", test.accuracy, "test accuracy \(Format.percent(test.accuracy)) (\(test.n) points)")
    }


    /// The test accuracy's 95% interval: the one sampling interval the budget, overfitting and small-test-set share.
    var testInterval: (low: Double, high: Double) { Proportion.interval(test.correct, of: test.n) }

}

extension Evaluation {
    var wrong: Int { n - correct }
}

public enum RunStatistics {
    /// The middle value, or the mean of the two middle ones; 0 for no values.
    public static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted(), m = s.count / 2
        return s.isEmpty ? 0 : s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}
