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
        var pairs = [Double]()
        pairs.reserveCapacity(2 * n * n)
        for j in 0..<n {
            let y = figure.y.value(at: Double(j) / Double(n - 1))
            for i in 0..<n { pairs.append(figure.x.value(at: Double(i) / Double(n - 1))); pairs.append(y) }
        }
        figure.regions = ProbabilityGrid(columns: n, rows: n, values: probability(pairs))
        return figure
    }

    /// The points alone, by class and split.
    public static func data(points: [PlotPoint], title: String, xTitle: String = "x1", yTitle: String = "x2") -> Figure {
        Figure(title: title, x: .covering(points.map(\.x), title: xTitle), y: .covering(points.map(\.y), title: yTitle),
               regions: nil, points: points, series: [], marker: nil, equalAspect: true)
    }

    /// Train and test loss per epoch on one chart, labelled axes, log scale when max/min > 20,
    /// best test-loss epoch marked, chance (log 2) marked by a level line the axis always reaches. Without a test split (the trainer then records test loss and
    /// accuracy as 0 every epoch) there is no test curve and no marker.
    public static func loss(history: History, title: String) -> Figure {
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
        let chance = 0.6931471805599453  // log 2 (NNPlot imports no Foundation)
        return Figure(title: title, x: x, y: lossAxis(series.flatMap(\.y) + [chance]), regions: nil, points: [],
                      series: series, marker: marker, chanceLoss: chance, equalAspect: false)
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
