import XCTest
@testable import NNCore

/// Which way each hidden unit pushes the output (`plot units`), for two classes and for k.
final class UnitSummaryTests: XCTestCase {
    func network(classes: Int, hidden: [LayerSpec]) -> Network {
        var net = Network(inputs: 2, hidden: hidden, classes: classes)
        var rng = RandomState(seed: 3)
        net.initialize(using: &rng)
        return net
    }

    let x: [Double] = (0..<40).map { Double(($0 * 7) % 11) / 5 - 1 }

    /// One hidden layer: the output layer's kernel is the pull, the same at every point (two classes: the one logit's
    /// weight; k: each class's weight less the mean of the unit's weights).
    func testOneHiddenLayerPullsAreTheOutputWeights() throws {
        let two = network(classes: 2, hidden: [LayerSpec(8, .relu)])
        let out2 = two.layers[1]
        for s in try XCTUnwrap(two.unitSummaries(x))[0] {
            let w = two.parameters[out2.offset + s.unit - 1]
            XCTAssertEqual(s.pull, w, accuracy: 1e-12)
            XCTAssertEqual(s.toward, w >= 0 ? 1 : 0)
            XCTAssertEqual(s.pulls, [])
        }
        let three = network(classes: 3, hidden: [LayerSpec(8, .relu)])
        let out3 = three.layers[1]
        for s in try XCTUnwrap(three.unitSummaries(x))[0] {
            let w = (0..<3).map { three.parameters[out3.offset + (s.unit - 1) * 3 + $0] }
            let mean = w.reduce(0, +) / 3
            for c in 0..<3 { XCTAssertEqual(s.pulls[c], w[c] - mean, accuracy: 1e-12) }
            XCTAssertEqual(s.toward, w.indices.max { w[$0] < w[$1] })
            XCTAssertEqual(s.pull, s.pulls[s.toward])
        }
    }

    /// Deeper down, k classes: the pulls still add up to nothing (a unit cannot push every class up at once).
    func testKClassPullsSumToZeroTwoLayersDown() throws {
        let net = network(classes: 4, hidden: [LayerSpec(8, .tanh), LayerSpec(8, .relu)])
        let all = try XCTUnwrap(net.unitSummaries(x))
        XCTAssertEqual(all.map(\.count), [8, 8])
        for s in all.joined() {
            XCTAssertEqual(s.pulls.count, 4)
            XCTAssertEqual(s.pulls.reduce(0, +), 0, accuracy: 1e-12)
            XCTAssertGreaterThanOrEqual(s.pull, 0)
        }
        XCTAssertGreaterThan(Set(all[0].map(\.toward)).count, 1, "the units do not all push one way")
    }
}
