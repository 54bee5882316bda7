import XCTest
@testable import NNCore

final class CorruptionTests: XCTestCase {
    func testFlipChangesThatShareOfTrainingLabelsOnly() {
        for kind in DataSpec.Kind.allCases {
            let clean = DataSpec(kind: kind, seed: 3).generate()
            let noisy = DataSpec(kind: kind, seed: 3, flip: 0.15).generate()
            XCTAssertEqual(noisy.flipped.count, 24, "15% of 160 training rows")
            XCTAssertEqual(noisy.flipped, noisy.flipped.sorted())
            XCTAssertTrue(Set(noisy.flipped).isSubset(of: noisy.prepared.split.train))
            let changed = clean.prepared.dataset.y.indices.filter { clean.prepared.dataset.y[$0] != noisy.prepared.dataset.y[$0] }
            XCTAssertEqual(changed, noisy.flipped, "\(kind)")
            XCTAssertEqual(clean.prepared.dataset.x, noisy.prepared.dataset.x)
            XCTAssertEqual(clean.prepared.split, noisy.prepared.split)
            XCTAssertTrue(clean.flipped.isEmpty)
        }
    }

    func testImbalanceKeepsClassOneAtTheRatioBeforeTheSplit() {
        let data = DataSpec(kind: .moons, imbalance: 0.1).generate().prepared
        XCTAssertEqual(data.dataset.classCounts, [100, 10])
        XCTAssertEqual(data.split.train.count + data.split.test.count, 110)
        XCTAssertEqual(DataSpec(kind: .moons, imbalance: 4).generate().prepared.dataset.classCounts, [25, 100])
    }

    func testImbalanceKeepsARandomSpreadOfTheClass() {
        // The circles' class 1 comes in angle order; the kept points must not all sit on one arc.
        let d = DataSpec(kind: .circles, noise: 0, imbalance: 0.2).generate().prepared.dataset
        let ones = d.y.indices.filter { d.y[$0] == 1 }
        XCTAssertEqual(ones.count, 20)
        XCTAssertEqual(Set(ones.map { d.x[2 * $0] > 0 }), [true, false])
        XCTAssertEqual(Set(ones.map { d.x[2 * $0 + 1] > 0 }), [true, false])
    }
}
