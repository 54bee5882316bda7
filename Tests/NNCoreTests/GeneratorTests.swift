import XCTest
@testable import NNCore

final class GeneratorTests: XCTestCase {
    func testSameSpecSameDataForEveryKind() {
        for kind in DataSpec.Kind.allCases {
            let spec = DataSpec(kind: kind, seed: 7, flip: 0.1, imbalance: 0.5)
            XCTAssertEqual(spec.generate(), spec.generate(), "\(kind)")
            XCTAssertNotEqual(spec.generate().prepared.dataset, DataSpec(kind: kind, seed: 8).generate().prepared.dataset, "\(kind)")
        }
    }

    func testEveryKindMakesTwoEqualHalves() {
        for kind in DataSpec.Kind.allCases {
            let data = DataSpec(kind: kind, n: 201).generate().prepared
            XCTAssertEqual(data.dataset.classCounts, [100, 100], "\(kind)")
            XCTAssertEqual(data.split.test.count, 40, "\(kind)")
            XCTAssertEqual(data.split.train.count, 160, "\(kind)")
            XCTAssertTrue(data.dataset.x.allSatisfy(\.isFinite), "\(kind)")
        }
    }

    func testMoonsMatchScikitLearn() {
        // sklearn.datasets.make_moons(10, shuffle=False, noise=0.1, random_state=0), as NumPy 2.4 computes it.
        let expected = [1.1764052345967664, 0.040015720836722335, 0.8049805795971214, 0.9311961011066933,
                        0.1867557990149968, 0.9022722120123589, -0.6120979394339885, 0.6919710603567778,
                        -1.0103218851793558, 0.04105985019383736, 0.014404357116087799, 0.6454273506962975,
                        0.3689969913281518, -0.19493927953726461, 1.0443863232745425, -0.4666325672625733,
                        1.856514688502308, -0.22762260756312766, 2.03130677016509, 0.41459042606982743]
        let moons = Generators.alongShape(.moons, n: 10, noise: 0.1, seed: 0)
        for (a, b) in zip(moons.x, expected) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertEqual(moons.y, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    }

    func testBlobsAreSeparatedByTheLineBetweenTheirCentres() {
        for seed: UInt32 in 0..<10 {
            let d = DataSpec(kind: .blobs, seed: seed).generate().prepared.dataset
            for i in 0..<d.count { XCTAssertEqual(d.x[2 * i] + d.x[2 * i + 1] > 0, d.y[i] == 1, "seed \(seed) point \(i)") }
        }
    }

    func testXorLabelsFollowTheSignsOfTheCentres() {
        let d = Generators.alongShape(.xor, n: 8, noise: 0, seed: 0)
        XCTAssertEqual(d.x, [1, 1, 1, 1, -1, -1, -1, -1, 1, -1, 1, -1, -1, 1, -1, 1])
        XCTAssertEqual(d.y, [0, 0, 0, 0, 1, 1, 1, 1])
    }

    func testClassDensitiesFollowTheGeneratorsShapesAndTheImbalance() {
        let densities = DataSpec(kind: .circles, imbalance: 0.25).classDensities(points: 5)
        XCTAssertEqual(densities.map(\.prior), [0.8, 0.2])
        XCTAssertEqual(densities[1].shape[0], 2)
        XCTAssertEqual(densities[1].shape[8], 2, "t runs over the whole ring")
        XCTAssertEqual(densities[0].noise, 0.2)
        // Without noise the generator puts every point on its class's shape.
        let spiral = Generators.alongShape(.spiral, n: 10, noise: 0, seed: 1)
        let shape = DataSpec(kind: .spiral).classDensities(points: 5)
        XCTAssertEqual(Array(spiral.x[10...]), shape[1].shape)
    }
}
