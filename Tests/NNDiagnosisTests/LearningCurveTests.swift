import NNCore
import XCTest
@testable import NNDiagnosis

/// `curve`'s verdicts (issue 16's third item) and `compare`'s facts, on the sizes where they must hold.
final class LearningCurveTests: XCTestCase {
    static func curve(_ spec: DataSpec, _ hidden: [LayerSpec], _ config: TrainConfig, seeds: Int = 3) -> LearningCurve {
        let data = spec.generate().prepared
        return LearningCurve.measure(Experiment(hidden: hidden, config: config), on: data.training,
                                     fractions: [0.1, 0.25, 0.5, 0.75, 1], seeds: (0..<seeds).map(UInt32.init),
                                     bayesError: BayesError.exact(spec))
    }

    /// Two overlapping Gaussians, 1000 rows and a 1000-point test set: a small network is at the Bayes error from
    /// a few hundred rows on, train and test together: more rows cannot help.
    func testGaussWithABigTestSetIsFlat() {
        let c = Self.curve(DataSpec(kind: .gauss, n: 2000, test: 0.5), [LayerSpec(16, .relu)], TrainConfig(epochs: 100))
        XCTAssertEqual(c.verdict, .flat, "\(c.reason)")
        guard case .flat(let gap, let irreducible) = c.reason else { return XCTFail("\(c.reason)") }
        XCTAssertLessThan(gap, LearningCurve.closeGap)
        XCTAssertTrue(irreducible)
        XCTAssertEqual(c.sizes.map(\.rows), [100, 250, 501, 750, 1000])
    }

    /// Fifty noisy moons rows and a wide network: it learns every row by heart at every size, and test accuracy is
    /// still climbing at the full set while the gap closes.
    func testSmallNoisyMoonsWithAWideModelWantMoreData() {
        let c = Self.curve(DataSpec(kind: .moons, n: 500, noise: 0.3, test: 0.9), [LayerSpec(64, .relu), LayerSpec(64, .relu)],
                           TrainConfig(learningRate: 0.01, epochs: 200))
        XCTAssertEqual(c.verdict, .moreDataHelps, "\(c.reason)")
        guard case .rising(let rise, let from, let to) = c.reason else { return XCTFail("\(c.reason)") }
        XCTAssertGreaterThan(rise, c.noise)
        XCTAssertLessThan(to, from)
    }

    func testSubsetsKeepBothClassesAndNest() {
        let data = DataSpec(kind: .circles).generate().prepared.training
        let small = LearningCurve.subset(data, fraction: 0.1, seed: 3), large = LearningCurve.subset(data, fraction: 0.5, seed: 3)
        XCTAssertEqual(Set(small.yTrain), [0, 1])
        XCTAssertEqual(small.yTest, data.yTest)
        let rows = { (t: TrainingData) in Set(stride(from: 0, to: t.xTrain.count, by: 2).map { [t.xTrain[$0], t.xTrain[$0 + 1]] }) }
        XCTAssertTrue(rows(small).isSubset(of: rows(large)))
        XCTAssertEqual(LearningCurve.subset(data, fraction: 0.001, seed: 0).yTrain.count, 2)  // one of each class at least
    }

    /// The post's Example 3 against Keras' default step: lr 0.01 fits the training rows far sooner.
    func testComparisonFindsTheFasterLearningRate() {
        let data = DataSpec(kind: .circles).generate().prepared.training
        let experiments = [0.001, 0.01].map { Experiment(hidden: [LayerSpec(16, .relu)], config: TrainConfig(learningRate: $0)) }
        let c = Comparison.run(experiments, on: data, seeds: [0])
        XCTAssertEqual(c.entries.count, 2)
        let slow = c.entries[0].epochTrain99!, fast = c.entries[1].epochTrain99!
        XCTAssertLessThan(fast, slow)
        XCTAssertEqual(c.fastestToFit, 1)
        XCTAssertEqual(c.entries[1].trainLosses.count, 500)
        XCTAssertEqual(c.entries[1].trainLosses.last!, c.entries[1].trainLoss, accuracy: 1e-12)
    }

    /// A run that never gets to 99% has no epoch for it; Ctrl-C keeps the values done.
    func testNeverAndInterrupted() {
        let data = DataSpec(kind: .circles).generate().prepared.training
        let line = Experiment(hidden: [], config: TrainConfig(epochs: 20))
        XCTAssertNil(Comparison.run([line], on: data, seeds: [0]).entries[0].epochTrain99)
        // How often one run asks (every mini-batch and measuring pass), then Ctrl-C just after it.
        var oneRun = 0
        _ = Comparison.run([line], on: data, seeds: [0], shouldStop: { oneRun += 1; return false })
        var asked = 0
        let stopped = Comparison.run([line, line], on: data, seeds: [0], shouldStop: { asked += 1; return asked > oneRun + 1 })
        XCTAssertTrue(stopped.interrupted)
        XCTAssertEqual(stopped.entries.count, 1)
    }
}
