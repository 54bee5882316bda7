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

    /// Permutations of sizes at and around the masks' powers of two, about 4,000 draws (six twists
    /// of the state), then one more permutation and a raw draw, against NumPy 2.4:
    /// `rs = RandomState(2024)`, each permutation folded as `c = (c·1000003 + Σ (i+1)·p[i]) % (2³¹ − 1)`.
    func testManyPermutationsAcrossTwistsMatchNumPy() {
        var r = RandomState(seed: 2024)
        var checksum = 0
        for n in [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 100, 160, 255, 256, 257, 1000, 1000, 1000] {
            let sum = r.permutation(n).enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
            checksum = (checksum * 1_000_003 + sum) % 2_147_483_647
        }
        XCTAssertEqual(checksum, 180_697_223)
        XCTAssertEqual(r.permutation(12), [11, 8, 7, 4, 1, 6, 10, 9, 0, 3, 2, 5])
        XCTAssertEqual(r.nextUInt32(), 573_636_053)
    }
}
