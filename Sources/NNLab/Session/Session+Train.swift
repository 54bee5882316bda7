import NNCore

extension Session {
    /// `train [lr=] [epochs=] [batch=] [optimizer=] [seed=] [l2=] [continue]`.
    func train(_ c: Invocation) throws -> String {
        let data = try requireData()
        guard let hidden else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`) first") }
        let previous = c.has("continue") ? run : nil
        if c.has("continue") && previous == nil {
            throw CommandError("nothing to continue: type `train` first")
        }
        var config = previous?.config ?? TrainConfig(seed: settings.seed)
        if previous == nil { config.epochs = 500 }
        Self.apply(c.values, to: &config)

        let training = data.prepared.training
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
        let total = config.epochs
        let stop = current.train(training, epochs: total, shouldStop: shouldStop, onEpoch: { self.onEpoch($0, total) })
        run = current
        lastStop = stop
        return trainReport(current, stop: stop, continued: previous != nil)
    }

    /// Sets what the train keys in `values` say (single values only).
    static func apply(_ values: [String: Invocation.Value], to config: inout TrainConfig) {
        for (key, value) in values {
            switch (key, value) {
            case ("lr", .real(let v)): config.learningRate = v
            case ("l2", .real(let v)): config.l2 = v
            case ("epochs", .integer(let v)): config.epochs = v
            case ("batch", .integer(let v)): config.batch = v
            case ("seed", .integer(let v)): config.seed = UInt32(v)
            case ("optimizer", .text(let v)): config.optimizer = OptimizerKind(rawValue: v)!
            default: break
            }
        }
    }

    func freshNetwork(_ data: LabData, _ hidden: [LayerSpec]) -> Network {
        Network(inputs: data.prepared.dataset.features, hidden: hidden)
    }

    func trainReport(_ run: TrainingRun, stop: StopReason, continued: Bool) -> String {
        let c = run.config
        var lines = ["\(continued ? "continued" : "trained") \(run.network.summary): \(c.optimizer.rawValue), lr \(Text.number(c.learningRate)), "
                     + "batch \(c.batch), seed \(c.seed)" + (c.l2 > 0 ? ", l2 \(Text.number(c.l2))" : "")]
        switch stop {
        case .finished: break
        case .interrupted(let epoch):
            lines.append("interrupted before epoch \(epoch): the model keeps what it learned in \(run.history.records.count) epochs")
        case .diverged(let epoch):
            lines.append("the loss stopped being a finite number in epoch \(epoch); training stopped and kept the weights from before it."
                         + " Try a smaller learning rate: train lr=\(Text.number(c.learningRate / 10))")
        }
        if let last = run.history.last {
            lines.append("epoch \(last.epoch): loss \(Text.value(last.trainLoss)) · train \(Text.percent(last.trainAccuracy))"
                         + " · test \(Text.percent(last.testAccuracy)) (test loss \(Text.value(last.testLoss)))")
        }
        return lines.joined(separator: "\n")
    }
}
