import XCTest
import NNCore
import NNDiagnosis
@testable import NNLab

/// Every command that trains is weighed before anything is built, by one rule (`Session.checkWork`),
/// and refused in one style when it would take minutes.
final class WorkLimitTests: XCTestCase {
    func error(_ s: Session, _ line: String, file: StaticString = #filePath, line l: UInt = #line) -> String {
        let out = s.run(line)
        guard out.count == 1, case .error(let e) = out[0] else {
            XCTFail("expected an error from '\(line)', got \(out)", file: file, line: l)
            return ""
        }
        return e
    }

    func testTheJobCountsTheWeightsWithoutBuildingTheNetwork() {
        for hidden in [[], [LayerSpec(16, .relu)], [LayerSpec(512, .relu), LayerSpec(8, .tanh), LayerSpec(3, .sigmoid)]] {
            let job = TrainingJob(inputs: 7, hidden: hidden, trainRows: 10, testRows: 5, epochs: 1)
            XCTAssertEqual(job.parameters, Network(inputs: 7, hidden: hidden).parameters.count)
        }
        // The case: one epoch of six dense512 layers on 20,000 points ran 105 s and was accepted.
        let six = TrainingJob(inputs: 2, hidden: Array(repeating: LayerSpec(512, .relu), count: 6),
                              trainRows: 16_000, testRows: 4_000, epochs: 1)
        XCTAssertGreaterThan(six.multiplyAdds, Limits.trainingWork)
        // Training is forward and backward, both splits are measured after each epoch, and Adam steps once a
        // batch: about 3.7 per weight and row.
        XCTAssertEqual(six.multiplyAdds / (Double(six.parameters) * 20_000), 3.7, accuracy: 0.1)
        // Batch 1 adds an optimizer step per row.
        var small = TrainingJob(inputs: 2, hidden: [LayerSpec(256, .relu)], trainRows: 1600, testRows: 400, epochs: 1)
        let batched = small.multiplyAdds
        small.batch = 1
        XCTAssertGreaterThan(small.multiplyAdds, 3 * batched)
    }

    func testOneEpochOfSixWideLayersOnTheLargestDataIsRefusedUpFront() {
        let s = Session()
        _ = s.run("data circles n=20000")
        _ = s.run("model dense512 relu dense512 relu dense512 relu dense512 relu dense512 relu dense512 relu")
        let e = error(s, "train epochs=1")
        XCTAssertTrue(e.hasPrefix("that is about 2 minutes of training; the limit is about one minute; use fewer epochs"), e)  // 97e9 multiply-adds
        XCTAssertNil(s.run, "nothing was trained")
        XCTAssertTrue(error(s, "sweep lr=0.1,0.01 epochs=1 seeds=1").contains("the limit is about one minute"))
    }

    func testSweepCountsEverySettingAndSeed() {
        let s = Session()
        _ = s.run("data circles n=20000")
        _ = s.run("model dense64 relu dense64 relu")
        // One setting over one seed is allowed (about 30e9); three over three are not.
        let e = error(s, "sweep lr=0.1,0.01,0.001 epochs=100 seeds=3")
        XCTAssertTrue(e.hasPrefix("that is about"), e)
        XCTAssertTrue(e.contains("the limit is about one minute"), e)
    }

    /// A run as long as 20,000 epochs on 20,000 points: diagnose would train it ten times more
    /// (three seeds for seed-sensitive, five folds of cross-validation, two well-trained seeds), and verify five
    /// times per setting. The history is made up: nothing trains here.
    func testDiagnoseAndVerifyAreWeighedBeforeTheyTrain() throws {
        let s = Session()
        _ = s.run("data circles n=20000")
        _ = s.run("model dense4 relu")
        var run = TrainingRun(network: Network(inputs: 2, hidden: [LayerSpec(4, .relu)]), config: TrainConfig(epochs: 20_000))
        run.history.records = (1...20_000).map { EpochRecord(epoch: $0, trainLoss: 0.3, trainAccuracy: 0.9, testLoss: 0.3, testAccuracy: 0.9) }
        s.run = run
        let e = error(s, "diagnose")
        XCTAssertTrue(e.hasPrefix("diagnose measures this model on every point and trains it 10 more times: that is about "), e)
        XCTAssertTrue(e.contains("of training; the limit is about one minute; use fewer"), e)

        // Verify: each distinct experiment over its five seeds.
        let data = DataSpec(kind: .circles, n: 200).generate()
        var context = DiagnosisContext(data: data.prepared, spec: data.spec, flipped: [], run: TrainingRun(
            network: Network(inputs: 2, hidden: []), config: TrainConfig(epochs: 30)), stop: .finished)
        context.run.train(data.prepared.training, epochs: 30)
        let report = Doctor.standard.diagnose(context)
        let jobs = Doctor.standard.verificationWork(report, context: context)
        XCTAssertTrue(report.findings.contains { $0.id == "linear-inseparable" })
        // The unchanged setting and the fixes (the features, then a hidden layer), as long as the run; not-converged's
        // fix trains longer.
        XCTAssertEqual(jobs.prefix(3).map(\.hidden), [[], [], [LayerSpec(16, .relu)]])
        XCTAssertEqual(jobs.prefix(3).map(\.inputs), [2, 4, 2], "the features fix trains on x1 x2 x1^2 x2^2")
        XCTAssertEqual(jobs.prefix(3).map(\.epochs), [30, 30, 30])
        XCTAssertTrue(jobs.allSatisfy { $0.runs == 5 })
    }

    /// A replay's commands share one allowance: each may be under the limit and still be refused.
    func testAReplayHasOneAllowanceForAllItsCommands() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        let job = TrainingJob(inputs: 2, hidden: [LayerSpec(64, .relu)], trainRows: 16_000, testRows: 4_000,
                              epochs: Int(0.45 * Limits.trainingWork / TrainingJob(inputs: 2, hidden: [LayerSpec(64, .relu)],
                                                                                  trainRows: 16_000, testRows: 4_000, epochs: 1).multiplyAdds))
        try s.checkWork([job])
        try s.checkWork([job])
        try s.checkWork([job])
        try s.checkWork([job])
        XCTAssertThrowsError(try s.checkWork([job])) { e in
            XCTAssertTrue("\(e)".contains("what is left of the replay's limit is about 12 seconds of about 2 minutes"), "\(e)")
        }
        // Outside a replay each is fine.
        let plain = Session()
        for _ in 0..<5 { try plain.checkWork([job]) }
    }
}
