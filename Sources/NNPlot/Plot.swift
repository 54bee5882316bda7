import NNCore

/// The pictures nnlab draws. Each gathers the facts into a `Figure`; rendering is elsewhere.
public enum Plot {
    /// Lattice nodes per side for a decision map: fine enough for a wide terminal or an SVG raster,
    /// cheap enough (one batched call) for any model nnlab trains.
    static let mapResolution = 121

    /// Decision map of a model over the points' range (padded 5% a side, then out to round numbers),
    /// with the points on it.
    /// `probability` gets a flat buffer of (x, y) pairs in raw feature space and returns P(class 1) for each pair.
    public static func boundary(points: [PlotPoint], probability: ([Double]) -> [Double], title: String,
                                xTitle: String = "x1", yTitle: String = "x2") -> Figure {
        var figure = data(points: points, title: title, xTitle: xTitle, yTitle: yTitle)
        let n = mapResolution
        figure.regions = ProbabilityGrid(columns: n, rows: n, values: probability(lattice(x: figure.x, y: figure.y, nodes: n)))
        return figure
    }

    /// The (x, y) pairs, flat, of an `n × n` lattice spanning the axes edge to edge, row-major from the bottom
    /// row: the order a `ProbabilityGrid` of `n × n` values reads them in.
    static func lattice(x: Axis, y: Axis, nodes n: Int) -> [Double] {
        var pairs = [Double]()
        pairs.reserveCapacity(2 * n * n)
        for j in 0..<n {
            let yv = y.value(at: Double(j) / Double(n - 1))
            for i in 0..<n { pairs.append(x.value(at: Double(i) / Double(n - 1))); pairs.append(yv) }
        }
        return pairs
    }

    /// Decision map of a model over k ≥ 3 classes, framed as `boundary` frames two: each region in its class's colour
    /// (or texture), a boundary between every pair of classes that meet. `probabilities` gets a flat buffer of (x, y)
    /// pairs in raw feature space and returns the k class probabilities of each pair, pair after pair.
    public static func classMap(points: [PlotPoint], classNames: [String], probabilities: ([Double]) -> [Double], title: String,
                                xTitle: String = "x1", yTitle: String = "x2") -> Figure {
        var figure = data(points: points, title: title, xTitle: xTitle, yTitle: yTitle, classNames: classNames)
        let n = mapResolution
        var pairs = [Double]()
        pairs.reserveCapacity(2 * n * n)
        for j in 0..<n {
            let y = figure.y.value(at: Double(j) / Double(n - 1))
            for i in 0..<n { pairs.append(figure.x.value(at: Double(i) / Double(n - 1))); pairs.append(y) }
        }
        figure.classRegions = ClassGrid(columns: n, rows: n, classes: classNames.count, values: probabilities(pairs))
        return figure
    }

    /// The points alone, by class and split; with three or more `classNames`, each class in its own colour and letter.
    public static func data(points: [PlotPoint], title: String, xTitle: String = "x1", yTitle: String = "x2",
                            classNames: [String]? = nil) -> Figure {
        Figure(title: title, x: .covering(points.map(\.x), title: xTitle), y: .covering(points.map(\.y), title: yTitle),
               regions: nil, points: points, series: [], marker: nil, equalAspect: true,
               classNames: (classNames?.count ?? 0) >= 3 ? classNames : nil)
    }

    /// Train and test loss per epoch on one chart, labelled axes, log scale when max/min > 20,
    /// best test-loss epoch marked, chance (log 2, or log k for k `classNames`) marked by a level line the axis always
    /// reaches. Without a test split (the trainer then records test loss and accuracy as 0 every epoch) there is no
    /// test curve and no marker.
    public static func loss(history: History, title: String, classNames: [String]? = nil) -> Figure {
        let records = history.records
        let epochs = records.map { Double($0.epoch) }
        let hasTest = records.contains { $0.testLoss != 0 || $0.testAccuracy != 0 }
        let series = [Series(name: "train loss", role: .train, x: epochs, y: records.map(\.trainLoss))]
            + (hasTest ? [Series(name: "test loss", role: .test, x: epochs, y: records.map(\.testLoss))] : [])
        let first = epochs.first ?? 0, last = epochs.last ?? 1
        // One epoch (or epochs too large to tell apart in a Double): widen by one, or by a millionth where one is lost.
        let widen = first < last ? 0 : Swift.max(1, 1e-6 * abs(first))
        let x = Axis(title: "epoch", min: first - widen, max: last + widen)
        let marker = (hasTest ? history.bestTestEpoch : nil).map {
            Marker(x: Double($0.epoch), y: $0.testLoss,
                   label: "best test loss \(NumberFormat.short($0.testLoss)) at epoch \($0.epoch)")
        }
        let classes = (classNames?.count ?? 0) >= 3 ? classNames : nil
        let chance = classes.map { decimalLog(Double($0.count)) * 2.302585092994046 } ?? 0.6931471805599453  // log 2, as it always was written
        return Figure(title: title, x: x, y: lossAxis(series.flatMap(\.y) + [chance]), regions: nil, points: [],
                      series: series, marker: marker, chanceLoss: chance, equalAspect: false, classNames: classes)
    }

    /// Several runs' training loss per epoch on one chart, each in its own line style (at most four), with the
    /// loss axis as `loss` chooses it. `runs` are (legend name, loss after each epoch from epoch 1).
    public static func losses(_ runs: [(name: String, losses: [Double])], title: String) -> Figure {
        let series = runs.prefix(Glyphs.curveStyles).enumerated().map { k, run in
            Series(name: run.name, role: .run(k), x: run.losses.indices.map { Double($0 + 1) }, y: run.losses)
        }
        let last = Double(runs.map(\.losses.count).max() ?? 1)
        return Figure(title: title, x: Axis(title: "epoch", min: 1, max: Swift.max(last, 2)), y: lossAxis(series.flatMap(\.y)),
                      regions: nil, points: [], series: series, marker: nil, equalAspect: false)
    }

    /// A learning curve: median train and test accuracy against the training rows used, each with the range its
    /// seeds span at every size (`trainRange`, `testRange`, one per size) drawn behind it.
    public static func learningCurve(rows: [Int], train: [Double], test: [Double], trainRange: [ClosedRange<Double>],
                                     testRange: [ClosedRange<Double>], seeds: Int, title: String) -> Figure {
        let x = rows.map(Double.init)
        let lowest = (train + test + (trainRange + testRange).map(\.lowerBound)).filter(\.isFinite).min() ?? 0
        // From a round tenth below the lowest point up to 100%, so small differences near the top stay visible.
        let bottom = Swift.max(0, ((lowest - 0.02) * 10).rounded(.down) / 10)
        let first = x.first ?? 0, last = x.last ?? 1
        func band(_ role: Series.Role, _ name: String, _ ranges: [ClosedRange<Double>]) -> Band {
            Band(role: role, name: "\(name): min–max, \(seeds) seed\(seeds == 1 ? "" : "s")",
                 x: Array(x.prefix(ranges.count)), low: ranges.prefix(x.count).map(\.lowerBound), high: ranges.prefix(x.count).map(\.upperBound))
        }
        return Figure(title: title, x: first < last ? Axis(title: "training rows", min: first, max: last)
                                                   : Axis(title: "training rows", min: first - 1, max: last + 1),
                      y: Axis(title: "accuracy", min: bottom, max: 1),
                      regions: nil, points: [], series: [Series(name: "train accuracy", role: .train, x: x, y: train),
                                                         Series(name: "test accuracy", role: .test, x: x, y: test)],
                      marker: nil, equalAspect: false, bands: [band(.train, "train", trainRange), band(.test, "test", testRange)])
    }

    /// Whole decades when the losses span more than a factor of 20 (early and late epochs both readable);
    /// otherwise linear from 0, so a flat curve looks flat.
    static func lossAxis(_ values: [Double]) -> Axis {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        guard let lo = positive.min(), let hi = positive.max() else { return Axis(title: "loss", min: 0, max: 1) }
        if hi / lo > 20 {
            let top = decade(of: hi) + (powerOfTen(decade(of: hi)) < hi ? 1 : 0)
            return Axis(title: "loss", min: Swift.max(powerOfTen(decade(of: lo)), .leastNonzeroMagnitude), max: Axis.finite(powerOfTen(top)), scale: .log)
        }
        let step = Axis.niceStep(hi / 5)
        return Axis(title: "loss", min: 0, max: Axis.finite((hi / step).rounded(.up) * step))
    }
}
