import NNCore
import NNDiagnosis
import NNPlot

extension Session {
    /// `plot [boundary|loss|data] [file=PATH.svg] [show=ID]`; `plot` alone is the boundary (or the data before training).
    func plot(_ c: Invocation) throws -> String {
        guard c.words.count <= 1 else { throw CommandError("plot draws one picture at a time: boundary, loss or data") }
        let g = try requireData()
        let kind = c.words.first?.text ?? (run == nil ? "data" : "boundary")
        if c.values["layer"] != nil && kind != "units" { throw CommandError("layer= belongs to plot units") }
        // Two classes are drawn as they always were; three or more by name, each in its own colour and letter.
        let names = g.prepared.dataset.classes > 2
            ? g.prepared.dataset.classNames.enumerated().map { $1 == String($0) ? "class \($0)" : $1 } : nil
        if kind == "units" { return try plotUnits(g, layer: c.integer("layer") ?? 1, classNames: names, file: c.text("file")) }
        let figure: Figure
        switch kind {
        case "data":
            figure = Plot.data(points: try points(g, highlighted: []), title: "\(g.name): \(g.prepared.dataset.count) points", xTitle: g.prepared.dataset.featureNames[0], yTitle: g.prepared.dataset.featureNames[1],
                               classNames: names)
        case "loss":
            let (_, run) = try requireRun()
            figure = Plot.loss(history: run.history, title: "loss per epoch", classNames: names)
        default:
            let (_, run) = try requireRun()
            var highlighted = Set<Int>()
            if let id = c.text("show") {
                guard let finding = try diagnosis().findings.first(where: { $0.id == id }) else {
                    // A diagnosis cut short by Ctrl-C may not have reached the analyzer.
                    if shouldStop() { throw Interrupted() }
                    throw CommandError("diagnose finds no \(id) here, so there are no points to show")
                }
                guard !finding.points.isEmpty else { throw CommandError("\(id) is not about particular points") }
                highlighted = Set(finding.points)
            }
            let network = run.network, plane = planeInputs(g), stop = shouldStop
            let title = "\(g.name): decision boundary of \(network.summary)"
            let (xTitle, yTitle) = (g.prepared.dataset.featureNames[0], g.prepared.dataset.featureNames[1])
            // Measured a slice at a time (a wide model over the grid takes seconds); stopped, the grid is left
            // at one half (a third each) and never drawn.
            var cut = false
            func logits(_ xy: [Double]) -> [Double]? {
                guard let logits = network.logits(plane(xy), shouldStop: stop) else { cut = true; return nil }
                return logits
            }
            if let names {
                figure = Plot.classMap(points: try points(g, highlighted: highlighted), classNames: names, probabilities: { xy in
                    logits(xy).map { Network.probabilities(logits: $0, classes: names.count) }
                        ?? Array(repeating: 1 / Double(names.count), count: xy.count / 2 * names.count)
                }, title: title, xTitle: xTitle, yTitle: yTitle)
            } else {
                figure = Plot.boundary(points: try points(g, highlighted: highlighted), probability: { xy in
                    logits(xy)?.map(Activation.sigmoid) ?? Array(repeating: 0.5, count: xy.count / 2)
                }, title: title, xTitle: xTitle, yTitle: yTitle)
            }
            if cut { throw Interrupted() }
        }
        if let file = c.text("file") {
            try write(figure.svg(), to: file)
            return "wrote the \(kind) plot to \(file)"
        }
        return figure.terminal(effectiveDisplay)
    }

    /// `plot units [layer=N] [file=PATH.svg]`: one map per unit of a hidden layer.
    func plotUnits(_ g: LabData, layer: Int, classNames: [String]?, file: String?) throws -> String {
        let (_, run) = try requireRun()
        let network = run.network, hidden = network.hidden
        guard !hidden.isEmpty else {
            throw CommandError("model linear has no hidden units to draw: type `model dense16 relu`, then `train`")
        }
        guard layer <= hidden.count else {
            throw CommandError("the model has \(hidden.count) hidden layer\(hidden.count == 1 ? "" : "s"): layer= goes from 1 to \(hidden.count)")
        }
        guard let all = network.unitSummaries(g.prepared.training.xTrain, shouldStop: shouldStop) else { throw Interrupted() }
        let summaries = all[layer - 1]
        let plane = planeInputs(g)
        let maps = UnitMaps.make(points: try points(g, highlighted: []),
                                 units: summaries.map { ("layer \($0.layer) unit \($0.unit)", $0.toward, $0.dead) }, classNames: classNames,
                                 outputs: { xy in network.hiddenValues(plane(xy))[layer - 1].a },
                                 title: "\(g.name): layer \(layer) of \(network.summary)",
                                 xTitle: g.prepared.dataset.featureNames[0], yTitle: g.prepared.dataset.featureNames[1])
        if let file {
            try write(maps.svg(), to: file)
            return "wrote the units plot to \(file)"
        }
        return maps.terminal(effectiveDisplay)
    }

    /// Turns (x, y) pairs on the plane of the first two raw features into model inputs (features made, then scaled);
    /// beyond two features the others are held at their training mean.
    func planeInputs(_ g: LabData) -> ([Double]) -> [Double] {
        let prepared = g.prepared, d = g.prepared.dataset
        let means = Scaler.fit(d.gather(g.prepared.split.train).x, features: d.features).mean
        return { xy in
            var rows = [Double]()
            rows.reserveCapacity(xy.count / 2 * d.features)
            for k in stride(from: 0, to: xy.count, by: 2) { rows += [xy[k], xy[k + 1]] + means.dropFirst(2) }
            return prepared.modelInputs(rows)
        }
    }

    /// The data's first two features as plot points, marked wrong where the current model errs (measured a
    /// slice at a time, so a Ctrl-C stops it).
    func points(_ g: LabData, highlighted: Set<Int>) throws -> [PlotPoint] {
        let d = g.prepared.dataset
        let test = Set(g.prepared.split.test), used = test.union(g.prepared.split.train)
        let predictions = try run.map { run in
            guard let l = run.network.logits(g.prepared.modelInputs(d.x), shouldStop: shouldStop) else { throw Interrupted() }
            return Network.predictions(logits: l, classes: run.network.classes)
        }
        return (0..<d.count).filter(used.contains).map { i in
            PlotPoint(index: i, x: d.x[i * d.features], y: d.x[i * d.features + 1], label: d.y[i], isTest: test.contains(i),
                      wrong: predictions.map { $0[i] != d.y[i] } ?? false, highlighted: highlighted.contains(i))
        }
    }
}
