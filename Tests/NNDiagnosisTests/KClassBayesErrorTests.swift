import XCTest
import NNCore
@testable import NNDiagnosis

/// 1 − ∫ max πₖpₖ for the k-class generated sets, against Monte Carlo draws classified by the Bayes rule.
final class KClassBayesErrorTests: XCTestCase {
    /// Equal priors and one isotropic Gaussian per class: the Bayes rule is the nearest centre.
    func monteCarlo(_ spec: DataSpec, draws: Int = 60_000) -> Double {
        let k = spec.classes
        let centres = (0..<k).map { spec.kind.shape(label: $0, of: k, at: 0) }
        var rng = RandomState(seed: 11)
        var wrong = 0
        for c in 0..<k {
            for _ in 0..<draws {
                let x = centres[c].x + spec.noise * rng.normal(), y = centres[c].y + spec.noise * rng.normal()
                let nearest = (0..<k).min { a, b in
                    let da = (x - centres[a].x) * (x - centres[a].x) + (y - centres[a].y) * (y - centres[a].y)
                    let db = (x - centres[b].x) * (x - centres[b].x) + (y - centres[b].y) * (y - centres[b].y)
                    return da < db
                }!
                if nearest != c { wrong += 1 }
            }
        }
        return Double(wrong) / Double(k * draws)
    }

    func testGaussiansOfThreeAndFourClassesMatchMonteCarlo() {
        for classes in [3, 4] {
            let spec = DataSpec(kind: .gauss, classes: classes)
            let exact = BayesError.exact(spec), sampled = monteCarlo(spec)
            // 180,000+ draws: the Monte Carlo figure is within about 0.3% (3 standard errors).
            XCTAssertEqual(exact, sampled, accuracy: 0.004, "gauss classes=\(classes)")
            XCTAssertGreaterThan(exact, 0.15, "more classes at the same spacing overlap more than two")
        }
        XCTAssertLessThan(BayesError.exact(DataSpec(kind: .blobs, classes: 4)), 1e-3)
    }

    func testTheOtherManyClassSetsAreNearlyClean() {
        XCTAssertLessThan(BayesError.exact(DataSpec(kind: .spiral, classes: 3)), 0.01)
        XCTAssertLessThan(BayesError.exact(DataSpec(kind: .circles, classes: 3)), 0.02)
        XCTAssertEqual(DataSpec(kind: .spiral, classes: 5).classDensities().count, 5)
    }

    /// A noise far below the grid's cell (circles at 0.0045) trapped on Int(NaN); the rings are clean there.
    func testATinyNoiseIsNearlyClean() {
        XCTAssertEqual(BayesError.exact(DataSpec(kind: .circles, noise: 0.0045)), 0, accuracy: 1e-9)
        XCTAssertEqual(BayesError.exact(DataSpec(kind: .gauss, noise: 0.001, classes: 3)), 0, accuracy: 1e-9)
    }

    func testImbalanceSetsThePriors() {
        let priors = DataSpec(kind: .blobs, imbalance: 0.5, classes: 3).classDensities().map(\.prior)
        XCTAssertEqual(priors[0], 0.5, accuracy: 1e-15)
        XCTAssertEqual(priors[1], 0.25, accuracy: 1e-15)
        XCTAssertEqual(priors[2], 0.25, accuracy: 1e-15)
    }
}
