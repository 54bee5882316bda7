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

final class KClassGeneratorTests: XCTestCase {
    func testSpiralArmsBlobsAndRingsOfKClasses() {
        let spiral = DataSpec(kind: .spiral, classes: 3).generate().prepared.dataset
        XCTAssertEqual(spiral.classCounts, [66, 66, 66])
        XCTAssertEqual(spiral.classes, 3)
        // Each arm starts 120° after the last, at radius 0.1.
        for c in 0..<3 {
            let p = DataSpec.Kind.spiral.shape(label: c, of: 3, at: 0)
            XCTAssertEqual(atan2(p.y, p.x), [0, 2 * Double.pi / 3, -2 * Double.pi / 3][c], accuracy: 1e-12)
            XCTAssertEqual((p.x * p.x + p.y * p.y).squareRoot(), 0.1, accuracy: 1e-12)
        }
        XCTAssertEqual(DataSpec(kind: .blobs, n: 400, classes: 4).generate().prepared.dataset.classCounts, [100, 100, 100, 100])
        // Blob centres: neighbours 2√2 apart, as the two-class centres are.
        let a = DataSpec.Kind.blobs.shape(label: 0, of: 4, at: 0), b = DataSpec.Kind.blobs.shape(label: 1, of: 4, at: 0)
        XCTAssertEqual(((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot(), 8.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(a.x, a.y, accuracy: 1e-12, "class 0 on the diagonal through (−1, −1)")
        XCTAssertLessThan(a.x, 0)
        let rings = DataSpec(kind: .circles, n: 300, noise: 0, classes: 3).generate().prepared.dataset
        for i in 0..<rings.count {
            let r = (rings.x[2 * i] * rings.x[2 * i] + rings.x[2 * i + 1] * rings.x[2 * i + 1]).squareRoot()
            XCTAssertEqual(r, Double(rings.y[i] + 1), accuracy: 1e-12)
        }
    }

    /// The three-classes lesson's data: the two moons as ever, and each further pair 4 to the right, so that
    /// with three classes the third half circle lies apart (1.04 from the pair at its nearest).
    func testMoonsComeInPairsSideBySide() {
        for t in Generators.linspace(0, Double.pi, 7) {
            for label in 0..<4 {
                let p = DataSpec.Kind.moons.shape(label: label, of: 4, at: t), q = DataSpec.Kind.moons.shape(label: label % 2, at: t)
                XCTAssertEqual(p.x, q.x + Double(4 * (label / 2)), accuracy: 1e-12)
                XCTAssertEqual(p.y, q.y, accuracy: 1e-12)
            }
        }
        let shapes = DataSpec(kind: .moons, classes: 3).classDensities(points: 200).map(\.shape)
        var nearest = Double.infinity
        for i in stride(from: 0, to: shapes[1].count, by: 2) {
            for j in stride(from: 0, to: shapes[2].count, by: 2) {
                let dx = shapes[1][i] - shapes[2][j], dy = shapes[1][i + 1] - shapes[2][j + 1]
                nearest = min(nearest, (dx * dx + dy * dy).squareRoot())
            }
        }
        XCTAssertEqual(nearest, (9.25).squareRoot() - 2, accuracy: 1e-3)  // arcs of radius 1 about (1, 0.5) and (4, 0)
        XCTAssertEqual(DataSpec(kind: .moons, n: 300, classes: 3).generate().prepared.dataset.classCounts, [100, 100, 100])
    }

    func testTwoClassesAreTheSetsTheyWere() {
        for kind in DataSpec.Kind.allCases {
            XCTAssertEqual(DataSpec(kind: kind, seed: 5).generate(), DataSpec(kind: kind, seed: 5, classes: 2).generate())
        }
        XCTAssertEqual(DataSpec.Kind.allCases.filter(\.manyClasses), [.circles, .moons, .spiral, .blobs, .gauss])
    }

    func testFlipAndImbalanceOnKClasses() {
        let g = DataSpec(kind: .blobs, n: 300, seed: 2, flip: 0.2, classes: 3).generate()
        let clean = DataSpec(kind: .blobs, n: 300, seed: 2, classes: 3).generate()
        XCTAssertEqual(g.flipped.count, 48)
        for i in g.flipped { XCTAssertNotEqual(g.prepared.dataset.y[i], clean.prepared.dataset.y[i]) }
        XCTAssertEqual(Set(g.flipped.map { g.prepared.dataset.y[$0] }), [0, 1, 2])
        XCTAssertEqual(DataSpec(kind: .spiral, n: 300, imbalance: 0.2, classes: 3).generate().prepared.dataset.classCounts, [100, 20, 20])
    }

    func testSavedSpecsWithoutClassesReadAsTwo() throws {
        let old = #"{"kind":"spiral","n":200,"noise":0.05,"seed":42,"test":0.2,"scaled":true,"flip":0,"imbalance":1}"#
        XCTAssertEqual(try JSONDecoder().decode(DataSpec.self, from: Data(old.utf8)), DataSpec(kind: .spiral))
        let three = try JSONEncoder().encode(DataSpec(kind: .spiral, classes: 3))
        XCTAssertEqual(try JSONDecoder().decode(DataSpec.self, from: three).classes, 3)
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(DataSpec(kind: .spiral)), as: UTF8.self).contains("classes"))
    }
}
