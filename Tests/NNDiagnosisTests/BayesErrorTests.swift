import XCTest
import NNCore
@testable import NNDiagnosis

final class BayesErrorTests: XCTestCase {
    func bayes(_ spec: DataSpec) -> Double { BayesError.integrate(spec.classDensities()) }

    func testCirclesMatchTheReferenceBayesError() {
        // shared/reference/seed-results.md: 0.642% for radii 1 and 2, σ 0.2 (a radial integral of the Rice density).
        XCTAssertEqual(bayes(DataSpec(kind: .circles)), 0.00642, accuracy: 0.0005)
        // The same integral with class 1's prior 0.1/1.1 and with σ 0.5 (scipy.integrate.quad).
        XCTAssertEqual(bayes(DataSpec(kind: .circles, imbalance: 0.1)), 0.003382, accuracy: 0.0003)
        XCTAssertEqual(bayes(DataSpec(kind: .circles, noise: 0.5)), 0.16602, accuracy: 0.002)
        XCTAssertEqual(bayes(DataSpec(kind: .circles, noise: 0)), 0)
    }

    func testTwoGaussiansMatchTheNormalTail() {
        // Centres 2√2 apart: Φ(−√2/σ), 15.62% at σ 1.4.
        XCTAssertEqual(bayes(DataSpec(kind: .gauss)), 0.15621, accuracy: 0.002)
        XCTAssertLessThan(bayes(DataSpec(kind: .blobs)), 1e-4)
    }

    func testEveryOtherDefaultSetIsNearlyClean() {
        for kind in [DataSpec.Kind.moons, .xor, .spiral] { XCTAssertLessThan(bayes(DataSpec(kind: kind)), 0.01, "\(kind)") }
    }

    func testIntervalOf39Of40ReachesOne() {
        let (low, high) = Proportion.interval(39, of: 40)
        XCTAssertEqual(low, 0.860, accuracy: 0.001)
        XCTAssertEqual(high, 1)
    }

    func testLittleNoiseOnAWideShapeIsNearlyZeroNotACrash() {
        // The grid's cells are capped at 1/300 of the shape: at noise 0.001 they are wider than the noise.
        for kind in [DataSpec.Kind.circles, .spiral, .moons] {
            let e = BayesError.exact(DataSpec(kind: kind, noise: 0.001))
            XCTAssertTrue(e.isFinite && e >= 0 && e < 0.01, "\(kind): \(e)")
        }
    }
}
