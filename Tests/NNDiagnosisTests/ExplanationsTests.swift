import XCTest
@testable import NNDiagnosis
import NNLab

final class ExplanationsTests: XCTestCase {
    /// The ids of DESIGN.md, in its order: part of the command-language contract.
    let designIDs = ["linear-inseparable", "underfitting", "class-imbalance", "predicts-one-class", "label-noise",
                     "class-overlap", "small-test-set", "oscillating-loss", "diverged", "not-converged", "overfitting",
                     "unscaled-features", "dead-relu", "saturation", "seed-sensitive", "hidden-representation", "confused-pair"]

    func testEveryFindingIdHasAnExplanation() {
        XCTAssertEqual(Explanations.all.map(\.id), designIDs)
        for analyzer in TrainingScenarios.trainingAnalyzers {
            for id in analyzer.ids { XCTAssertNotNil(Explanations.text(for: id), id) }
        }
        XCTAssertNil(Explanations.text(for: "no-such-finding"))
        XCTAssertEqual(Explanations.text(for: "dead-relu")?.title, "Some ReLU units have died")
    }

    func testExplanationsAreSeveralSentencesAndRunnableCommands() {
        let verbs: Set = ["data", "model", "train", "evaluate", "diagnose", "explain", "plot", "sweep"]
        for e in Explanations.all {
            XCTAssertGreaterThanOrEqual(e.body.split(separator: ".").count, 3, e.id)
            XCTAssertFalse(e.body.contains("\n"), "\(e.id): one paragraph")
            XCTAssertFalse(e.title.isEmpty)
            XCTAssertFalse(e.example.isEmpty, e.id)
            for command in e.example {
                XCTAssertTrue(verbs.contains(String(command.split(separator: " ")[0])), "\(e.id): \(command)")
            }
        }
    }
}
