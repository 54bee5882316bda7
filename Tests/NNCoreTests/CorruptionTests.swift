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

final class KClassCorruptionTests: XCTestCase {
    func fourClasses(_ perClass: Int) -> Dataset {
        Dataset(x: (0..<(8 * perClass)).map(Double.init), y: (0..<(4 * perClass)).map { $0 / perClass }, features: 2, classes: 4)
    }

    func testFlipMovesEachChosenLabelToAnotherClassUniformly() {
        var d = fourClasses(250)
        let original = d.y
        let flipped = Corruptions.flip(&d, rows: Array(0..<1000), fraction: 0.6, seed: 1)
        XCTAssertEqual(flipped.count, 600)
        var moves = [[Int]](repeating: [0, 0, 0, 0], count: 4)
        for i in flipped { XCTAssertNotEqual(d.y[i], original[i]); moves[original[i]][d.y[i]] += 1 }
        for from in 0..<4 {
            for to in 0..<4 where to != from {
                // About 600/12 = 50 each; well inside chance at any seed.
                XCTAssertTrue((25...80).contains(moves[from][to]), "\(from)→\(to): \(moves[from][to])")
            }
        }
        XCTAssertEqual(d.y.indices.filter { d.y[$0] != original[$0] }, flipped)
    }

    func testImbalanceShrinksEveryClassButTheFirst() {
        let d = Corruptions.imbalance(fourClasses(50), ratio: 0.2, seed: 3)
        XCTAssertEqual(d.classCounts, [50, 10, 10, 10])
        XCTAssertEqual(d.classNames, ["0", "1", "2", "3"])
    }
}
