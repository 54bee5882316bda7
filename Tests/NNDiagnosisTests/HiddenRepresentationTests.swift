import NNCore
import XCTest
@testable import NNDiagnosis

/// The exact separability test on each hidden layer's outputs (issue 16's second item).
final class HiddenRepresentationTests: XCTestCase {
    typealias S = TrainingScenarios

    func only(_ findings: [Finding], file: StaticString = #filePath, line: UInt = #line) -> Finding? {
        XCTAssertEqual(findings.map(\.id), ["hidden-representation"], file: file, line: line)
        return findings.first
    }

    func flag(_ f: Finding?, _ key: String) -> Bool? {
        f?.evidence.first { $0.key == key }.map { XCTAssertTrue($0.isFlag, key); return $0.value == 1 }
    }

    /// The post's Example 3 (100% on train): layer 1's sixteen outputs are separable, the raw rings are not.
    func testAGoodTrainingOfCirclesMakesLayerOneSeparable() {
        let layers = HiddenRepresentation.separability(S.example3.run.network, S.example3.data.training)
        XCTAssertEqual(layers.map(\.separable), [true])
        let f = only(HiddenRepresentation().analyze(S.example3))
        XCTAssertEqual(f?.severity, .note)
        XCTAssertEqual(f?.headline, "the 16 units of layer 1 turn the two rings into classes a straight line can split (exact test)")
        XCTAssertEqual(f?.evidence.first?.key, "layer")
        XCTAssertEqual(f?.evidence.first?.value, 1)
        XCTAssertEqual(flag(f, "separable"), true)
        XCTAssertEqual(flag(f, "input_separable"), false)
    }

    /// `model dense2 relu` trained 5 epochs: two units cannot wrap a ring, and the test says layer 1 is where it fails.
    func testTwoUnitsAfterFiveEpochsLeaveTheRingsTangled() {
        let c = S.context([LayerSpec(2, .relu)], TrainConfig(epochs: 5))
        XCTAssertEqual(HiddenRepresentation.separability(c.run.network, c.data.training).map(\.separable), [false])
        let f = only(HiddenRepresentation().analyze(c))
        XCTAssertEqual(f?.headline, "the 2 units of layer 1 leave the two rings tangled: no straight line splits their outputs (exact test)")
        XCTAssertEqual(flag(f, "separable"), false)
        XCTAssertEqual(f?.evidence.first?.value, 1)
    }

    /// Layer 1 separates, layer 2 (one unit) squeezes the rings back onto a line that cannot: layer 2 is named.
    func testTheFirstLayerThatFailsIsNamed() {
        var c = S.example3
        let wide = c.run.network
        var deep = Network(inputs: 2, hidden: [LayerSpec(16, .relu), LayerSpec(1, .relu)])
        // Layer 2 outputs relu(unit 1 of layer 1) alone: one of sixteen half-planes cannot hold a ring.
        for k in 0..<wide.layers[0].parameterCount { deep.parameters[k] = wide.parameters[k] }
        deep.parameters[deep.layers[1].offset] = 1
        deep.parameters[deep.layers[2].offset] = 1
        c.run.network = deep
        let layers = HiddenRepresentation.separability(deep, c.data.training)
        XCTAssertEqual(layers.map(\.separable), [true, false])
        let f = only(HiddenRepresentation().analyze(c))
        XCTAssertEqual(f?.headline, "layer 2 is the first whose outputs no straight line can split (exact test)")
        XCTAssertEqual(flag(f, "layer_1_separable"), true)
    }

    /// Separable hidden outputs but a short fit: the representation is there, the output layer's line is not.
    func testSeparableLayersWithAShortFitBlameTheTraining() {
        var c = S.example3
        let n = c.run.network.parameters.count
        c.run.network.parameters[n - 1] += 40  // the output bias: every point says class 1
        let f = only(HiddenRepresentation().analyze(c))
        XCTAssertEqual(f?.headline, "the hidden layers make the classes separable, but the output layer has not found the line yet")
        XCTAssertEqual(flag(f, "separable"), true)
    }

    /// Nothing to say without hidden layers, after a divergence, or when the raw inputs were separable already.
    func testQuietWhereThereIsNothingToTell() {
        XCTAssertTrue(HiddenRepresentation().analyze(S.example1).isEmpty)
        XCTAssertTrue(HiddenRepresentation().analyze(S.blowUp).isEmpty)
        let blobs = S.context(S.relu16, TrainConfig(learningRate: 0.01, epochs: 30), data: DataSpec(kind: .blobs))
        XCTAssertTrue(HiddenRepresentation().analyze(blobs).isEmpty)
    }

    /// Three classes: the lesson's moons (a line splits class 2 off the raw inputs, not the interleaving pair) and
    /// the three-arm spiral (no arm), each separated by 16 units; on their outputs a line splits off every class of
    /// the moons, two of the arms (the network's 100% on train proves the layer separates all three).
    func testThreeClassesSaysWhichClassesALineSplitsOff() {
        for (kind, inputs, outputs) in [(DataSpec.Kind.moons, "on the raw inputs a straight line splits class 2 off from the rest; none splits off class 0 or class 1", 3.0),
                                         (.spiral, "on the raw inputs no straight line splits any class off from the rest", 2)] {
            let spec = DataSpec(kind: kind, classes: 3), data = spec.generate()
            var run = TrainingRun(network: Network(inputs: 2, hidden: S.relu16, classes: 3), config: TrainConfig(learningRate: 0.01, epochs: 500))
            let stop = run.train(data.prepared.training, epochs: 500)
            let c = DiagnosisContext(data: data.prepared, spec: spec, flipped: data.flipped, run: run, stop: stop)
            let f = only(HiddenRepresentation().analyze(c))
            XCTAssertEqual(f?.headline, "the 16 units of layer 1 make the 3 classes separable by straight boundaries (exact test)", "\(kind)")
            XCTAssertEqual(flag(f, "separable"), true)
            XCTAssertEqual(flag(f, "input_separable"), false)
            XCTAssertEqual(f?.evidence.first { $0.key == "classes_split_off" }?.value, outputs)
            XCTAssertEqual(f?.evidence.first { $0.key == "input_classes_split_off" }?.text, inputs + " (exact test, each class against the rest)")
        }
    }

    /// Proofs without the k-class program: every class split off means separable; a pair no line splits means not.
    func testKClassShortcutsProveBothWays() {
        // Three clusters on a row: the middle one cannot be split off, yet each pair can and the program says separable.
        let row: [Double] = [0, 0.1, 0.2, 5, 5.1, 5.2, 10, 10.1, 10.2], labels = [0, 0, 0, 1, 1, 1, 2, 2, 2]
        let middle = HiddenRepresentation.separability(row, labels, classes: 3, features: 1, kClassProgram: true, shouldStop: { false })
        XCTAssertEqual(middle.separable, true)
        XCTAssertEqual(middle.splitOff, [true, false, true])
        XCTAssertNil(HiddenRepresentation.separability(row, labels, classes: 3, features: 1, kClassProgram: false, shouldStop: { false }).separable,
                     "left open without the program")
        // Classes 0 and 1 interleave: no line splits that pair, so no linear model separates the three.
        let mixed: [Double] = [0, 2, 4, 1, 3, 5, 10, 11, 12]
        XCTAssertEqual(HiddenRepresentation.separability(mixed, labels, classes: 3, features: 1, kClassProgram: false, shouldStop: { false }).separable, false)
        // Three corners of a triangle: a line splits each off, which is the proof.
        let corners: [Double] = [0, 0, 0.1, 0, 0, 0.1, 5, 0, 5.1, 0, 5, 0.1, 0, 5, 0.1, 5, 0, 5.1]
        let triangle = HiddenRepresentation.separability(corners, labels, classes: 3, features: 2, kClassProgram: false, shouldStop: { false })
        XCTAssertEqual(triangle.separable, true)
        XCTAssertEqual(triangle.splitOff, [true, true, true])
    }

    func testDeadAndConstantUnitsDropOut() {
        let columns = HiddenRepresentation.varyingStandardised([0, 1, 5, 0, 2, 5, 0, 3, 5], width: 3)
        XCTAssertEqual(columns.count, 1)
        XCTAssertEqual(columns[0].reduce(0, +), 0, accuracy: 1e-12)
    }
}
