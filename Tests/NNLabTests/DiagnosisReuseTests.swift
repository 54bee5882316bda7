import XCTest
@testable import NNLab

/// One diagnosis per run: `diagnose`, `plot show=` and a lesson's `expect finding` read the same report,
/// and nothing trains again until the data, model or run changes.
final class DiagnosisReuseTests: XCTestCase {
    func testPlotShowAndDiagnoseAgainDoNotRetrain() {
        let s = Session()
        for line in ["data circles flip=0.1", "model dense16 relu", "train lr=0.01 epochs=60"] { _ = s.run(line) }
        var asked = 0
        s.shouldStop = { asked += 1; return false }
        let first = s.run("diagnose")
        XCTAssertGreaterThan(asked, 0, "the first diagnosis trains seed-sensitive's extra runs, asking every epoch")
        asked = 0
        XCTAssertEqual(s.run("diagnose"), first)
        guard case .text(let plot)? = s.run("plot show=label-noise").first else { return XCTFail("no plot") }
        XCTAssertTrue(plot.contains("@"), "the finding's points are marked")
        XCTAssertNil(s.broken(.finding("label-noise", present: true), failed: false))
        // Only the second diagnose's look at whether Ctrl-C cut it short: nothing trained or searched again.
        XCTAssertEqual(asked, 1, "nothing trained or searched again")
        _ = s.run("train lr=0.01 epochs=61")
        _ = s.run("plot show=label-noise")
        XCTAssertGreaterThan(asked, 0, "a new run is diagnosed afresh")
    }
}
