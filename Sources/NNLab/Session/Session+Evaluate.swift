import NNCore

extension Session {
    /// Both splits measured a slice of rows at a time: a Ctrl-C stops a wide model's pass over many rows.
    func evaluations() throws -> (train: Evaluation, test: Evaluation) {
        let (data, run) = try requireRun()
        let t = data.prepared.training
        guard let train = Evaluation(network: run.network, x: t.xTrain, y: t.yTrain, shouldStop: shouldStop),
              let test = Evaluation(network: run.network, x: t.xTest, y: t.yTest, shouldStop: shouldStop) else { throw Interrupted() }
        return (train, test)
    }

    /// `evaluate [format=json]`.
    func evaluate(json: Bool) throws -> String {
        let (train, test) = try evaluations()
        let names = try requireData().prepared.dataset.classNames
        if json {
            func object(_ e: Evaluation) -> JSON {
                .object([("accuracy", .number(e.accuracy)), ("loss", .number(e.loss)), ("n", .integer(e.n)),
                         ("recall", .array(e.recall.map { $0.map(JSON.number) ?? .null })),
                         ("confusion", .array(e.confusion.map(JSON.integers)))] + ConfusionRenderer.json(e))
            }
            return JSON.object([("train", object(train)), ("test", object(test)),
                                ("classes", .array(names.map(JSON.string)))]).rendered
        }
        guard names.count == 2 else { return evaluateClasses(train: train, test: test, names: names) }
        func row(_ name: String, _ e: Evaluation) -> [String] {
            [name, Text.percent(e.accuracy), "\(e.confusion[0][0] + e.confusion[1][1])/\(e.n)", Text.value(e.loss, trailingZeros: true),
             e.recall[0].map(Text.percent) ?? "-", e.recall[1].map(Text.percent) ?? "-"]
        }
        let table = TextTable.render([["", "accuracy", "correct", "loss", "recall 0", "recall 1"], row("train", train), row("test", test)])
        let m = test.confusion
        let confusion = TextTable.render([["test", "predicted 0", "predicted 1"],
                                          ["actual 0", "\(m[0][0])", "\(m[0][1])"],
                                          ["actual 1", "\(m[1][0])", "\(m[1][1])"]])
        return table + "\n" + "recall: " + Glossary.gloss("recall") + "\n\n" + confusion
    }

    /// `evaluate` for three classes or more: the totals, each class's recall and precision, the k × k
    /// test confusion matrix and the pair of classes mixed up most.
    private func evaluateClasses(train: Evaluation, test: Evaluation, names: [String]) -> String {
        func row(_ name: String, _ e: Evaluation) -> [String] {
            [name, Text.percent(e.accuracy), "\(e.correct)/\(e.n)", Text.value(e.loss, trailingZeros: true)]
        }
        return [TextTable.render([["", "accuracy", "correct", "loss"], row("train", train), row("test", test)])
                + "\nchance: loss \(Text.value(Evaluation.chanceLoss(classes: names.count))) (log \(names.count)), "
                + "accuracy \(Text.percent(1 / Double(names.count))) when the classes are equal",
                ConfusionRenderer.perClass(train: train, test: test, names: names)
                + "\nrecall: " + Glossary.gloss("recall") + "; precision: " + Glossary.gloss("precision"),
                ConfusionRenderer.matrix(test.confusion, names: names, title: "test")
                + "\n" + ConfusionRenderer.mostConfused(test, names: names, split: "test")].joined(separator: "\n\n")
    }

    /// `status`: what is loaded, the model, and the last training.
    func status() -> String {
        var lines: [String] = []
        func hint(_ c: Invocation) -> String { " (try: \(CommandWriter.line(c)))" }
        lines.append(data.map(dataSummary) ?? "data: none" + hint(Invocation(CommandTable.spec("data circles"))))
        if let hidden {
            let net = run?.network ?? Network(inputs: inputs, hidden: hidden, classes: classes)
            lines.append("model: \(net.summary) (\(net.parameters.count) parameters)")
        } else {
            lines.append("model: none" + hint(.model([LayerSpec(16, .relu)])))
        }
        if let run, let last = run.history.last {
            let c = run.config
            lines.append("trained: \(run.history.records.count) epochs, \(c.optimizer.rawValue) lr \(Text.number(c.learningRate)) batch \(c.batch) seed \(c.seed)"
                         + " → train \(Text.percent(last.trainAccuracy)) · test \(Text.percent(last.testAccuracy))")
        } else {
            lines.append("trained: not yet" + (hidden != nil && data != nil ? hint(Invocation(CommandTable.spec("train"))) : ""))
        }
        return lines.joined(separator: "\n")
    }
}
