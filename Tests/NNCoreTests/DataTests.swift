import XCTest
@testable import NNCore

/// NumPy's own values for the seed's data live in shared/reference; the
/// MT19937 and gauss streams below were printed by NumPy 2.4 (`RandomState(42)`).
final class RandomStateTests: XCTestCase {
    func testRawStreamMatchesNumPy() {
        var r = RandomState(seed: 42)
        // np.random.RandomState(42).randint(0, 2**32, 3, dtype=np.uint64) uses masked draws of 32 bits
        XCTAssertEqual((0..<3).map { _ in r.nextUInt32() }, [1_608_637_542, 3_421_126_067, 4_083_286_876])
    }

    func testUniformGaussAndPermutationMatchNumPy() {
        var r = RandomState(seed: 42)
        XCTAssertEqual(r.uniform(), 0.3745401188473625, accuracy: 0)
        var g = RandomState(seed: 42)
        XCTAssertEqual(g.gauss(), 0.4967141530112327, accuracy: 1e-15)
        XCTAssertEqual(g.gauss(), -0.13826430117118466, accuracy: 1e-15)
        var p = RandomState(seed: 42)
        XCTAssertEqual(p.permutation(10), [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
    }
}
