import XCTest
import NNCore
@testable import NNDiagnosis

final class BayesErrorTests: XCTestCase {
    func testCirclesMatchTheReferenceBayesError() {
        // shared/reference/seed-results.md: 0.642% for radii 1 and 2, σ 0.2.
        XCTAssertEqual(BayesError.circles(noise: 0.2, imbalance: 1), 0.00642, accuracy: 0.0005)
        XCTAssertEqual(BayesError.circles(noise: 0, imbalance: 1), 0)
        XCTAssertLessThan(BayesError.circles(noise: 0.2, imbalance: 0.1), BayesError.circles(noise: 0.2, imbalance: 1),
                          "a rare class costs less to get wrong")
    }

    func testIntervalOf39Of40ReachesOne() {
        let (low, high) = Proportion.interval(39, of: 40)
        XCTAssertEqual(low, 0.860, accuracy: 0.001)
        XCTAssertEqual(high, 1, accuracy: 0.0001)
    }
}
