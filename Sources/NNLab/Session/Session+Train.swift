import NNCore
import NNDiagnosis

extension Session {
    /// `train [lr=] [epochs=] [batch=] [optimizer=] [seed=] [l2=] [continue]`.
    func train(_ c: Invocation) throws -> String {
        let data = try requireData()
        guard let hidden else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`) first") }
        let previous = c.has("continue") ? run : nil
        if c.has("continue") && previous == nil {
            throw CommandError("nothing to continue: type `train` first")
        }
        // A fresh run starts from the table's defaults and the session's seed; `continue` from the last run.
        var config = previous?.config ?? freshConfig(c.spec)
        c.apply(to: &config)
        if let previous, previous.history.records.count + config.epochs > Limits.history {
            throw CommandError("the history would hold \(previous.history.records.count + config.epochs) epochs; a session keeps at most "
                               + "\(Limits.history) (type `train` to start afresh)")
        }

        let training = data.prepared.training
        let rows = training.yTrain.count, fit = config.fitRows(of: rows)
        guard config.patience == 0 || (1..<rows).contains(fit) else {
            throw CommandError("val=\(Text.number(config.validation)) of \(rows) training rows leaves \(fit) to train on and \(rows - fit) to "
                               + "validate; early stopping needs at least one of each")
        }
        try checkWork([TrainingJob(hidden: hidden, data: training, config: config)])
        var current = previous ?? TrainingRun(network: freshNetwork(data, hidden), config: config)
        if let previous, previous.config.optimizer != config.optimizer || previous.config.learningRate != config.learningRate {
            current.optimizer = config.optimizer.make(learningRate: config.learningRate, parameterCount: current.network.parameters.count)
        }
        if let previous {
            var same = config
            same.epochs = previous.config.epochs
            continuedWithOtherSettings = continuedWithOtherSettings || same != previous.config
        } else {
            continuedWithOtherSettings = false
        }
        current.config = config
        let total = config.epochs, startEpoch = current.history.records.count
        let stop = current.train(training, epochs: total, shouldStop: shouldStop, onEpoch: { self.onEpoch($0, total) })
        run = current
        lastStop = stop
        return trainReport(current, stop: stop, continued: previous != nil, from: startEpoch, training: training)
    }

    /// The settings `train` uses when nothing is given: the table's defaults, with the seed `set` chose.
    func freshConfig(_ spec: CommandSpec = CommandTable.spec("train")) -> TrainConfig {
        var config = TrainConfig()
        Invocation.defaults(of: spec, into: &config)
        config.seed = settings.seed
        return config
    }

    func freshNetwork(_ data: LabData, _ hidden: [LayerSpec]) -> Network {
        Network(inputs: data.prepared.inputs.features, hidden: hidden, classes: data.prepared.dataset.classes)
    }

    /// "0: 0.55, 1: 5.5": each class's weight on these training rows.
    static func classWeights(_ weight: ClassWeight, _ training: TrainingData) -> String {
        weight.weights(training.yTrain).map { "\(Int($0.label)): \(Format.number($0.weight))" }
            .joined(separator: ", ")
    }

    func trainReport(_ run: TrainingRun, stop: StopReason, continued: Bool, from startEpoch: Int, training: TrainingData) -> String {
        let c = run.config
        var lines = ["\(continued ? "continued" : "trained") \(run.network.summary): \(c.optimizer.rawValue), lr \(Text.number(c.learningRate)), "
                     + "batch \(c.batch), seed \(c.seed)" + (c.l2 > 0 ? ", l2 \(Text.number(c.l2))" : "")
                     + (c.l1 > 0 ? ", l1 \(Text.number(c.l1))" : "") + (c.lrDecay != 1 ? ", lr decay \(Text.number(c.lrDecay))" : "")
                     + (c.classWeight == .none ? "" : ", class weights " + Self.classWeights(c.classWeight, training))]
        switch stop {
        case .finished: break
        case .interrupted(let epoch):
            lines.append("interrupted before epoch \(epoch): the model keeps what it learned in \(run.history.records.count) epochs")
        case .diverged(let epoch):
            lines.append("the loss stopped being a finite number in epoch \(epoch); training stopped and kept the weights from before it."
                         + " Try a smaller learning rate: train lr=\(Text.number(c.learningRate / 10))")
        case .keptBest(let trained, let kept):
            let stopped = trained < startEpoch + c.epochs
            lines.append("early stopping: " + (stopped ? "stopped after epoch \(trained), \(c.patience) epochs without a lower validation loss"
                                                      : "trained all \(c.epochs) epochs")
                         + "; kept epoch \(kept), the lowest validation loss (validation: the last \(Text.percent(c.validation)) of the training rows)")
        }
        if let last = run.history.last {
            lines.append("epoch \(last.epoch): loss \(Text.value(last.trainLoss)) · train \(Text.percent(last.trainAccuracy))"
                         + " · test \(Text.percent(last.testAccuracy)) (test loss \(Text.value(last.testLoss)))")
        }
        return lines.joined(separator: "\n")
    }
}
