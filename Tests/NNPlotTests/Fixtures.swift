@testable import NNCore  // EpochRecord has no public initializer
@testable import NNPlot

/// Small figures the tests share: the seed's circles, a model that splits them by radius, a history.
enum Fixtures {
    static func circlePoints(boundaryRadius: Double = 1.25) -> [PlotPoint] {
        let data = Generators.circles(n: 200, noise: 0.2, seed: 42)
        let test = Set(Split.shuffled(count: 200, testFraction: 0.2, seed: 42).test)
        return (0..<data.count).map { i in
            let x = data.x[2 * i], y = data.x[2 * i + 1]
            let predicted = (x * x + y * y).squareRoot() > boundaryRadius ? 1 : 0
            return PlotPoint(index: i, x: x, y: y, label: data.y[i], isTest: test.contains(i), wrong: predicted != data.y[i])
        }
    }

    /// P(class 1) rising across radius 1.25, without Foundation's exp: a steep rational sigmoid.
    static func radial(_ xy: [Double]) -> [Double] {
        stride(from: 0, to: xy.count, by: 2).map { k in
            let d = 4 * ((xy[k] * xy[k] + xy[k + 1] * xy[k + 1]).squareRoot() - 1.25)
            return 0.5 + 0.5 * d / (1 + abs(d))
        }
    }

    static var circlesMap: Figure { Plot.boundary(points: circlePoints(), probability: radial, title: "circles") }

    /// Loss falling from `start` by `factor` per epoch; test loss bottoms out at `bestEpoch`, then rises
    /// by `rise` of its lowest value per epoch.
    static func history(epochs: Int = 40, start: Double = 0.7, factor: Double = 0.85, bestEpoch: Int = 25,
                        rise: Double = 0.02) -> History {
        History(records: (1...epochs).map { e in
            let train = start * pow(factor, e - 1)
            let test = start * pow(factor, min(e, bestEpoch) - 1) * (1 + rise * Double(max(0, e - bestEpoch)))
            return EpochRecord(epoch: e, trainLoss: train, trainAccuracy: 0.9, testLoss: test, testAccuracy: 0.9,
                               gradientNorm: 1, deadFraction: 0)
        })
    }

    private static func pow(_ base: Double, _ n: Int) -> Double { (0..<max(0, n)).reduce(1) { r, _ in r * base } }
}
