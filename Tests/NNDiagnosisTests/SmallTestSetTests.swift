import XCTest
import NNCore
@testable import NNDiagnosis

final class SmallTestSetTests: XCTestCase {
    /// Blobs with the line x1 + x2 = 0 as the model: right on every generated point.
    func blobs(n: Int = 200, mislabelTest: Int = 0) -> DiagnosisContext {
        var c = Scenario.context(DataSpec(kind: .blobs, n: n), epochs: 1)
        c.run.network.parameters = [1, 1, 0]
        for i in c.data.split.test.prefix(mislabelTest) { c.data.dataset.y[i] = 1 - c.data.dataset.y[i] }
        return c
    }

    func testOneMissInFortyIsNotEvidenceAgainstAPerfectModel() throws {
        let finding = try XCTUnwrap(SmallTestSet().analyze(blobs(mislabelTest: 1)).first)
        XCTAssertEqual(finding.severity, .note)
        XCTAssertEqual(finding.headline, "39/40 is not evidence against 100%: the test set is too small to tell")
        XCTAssertEqual(finding.evidence.map(\.key), ["test_accuracy", "interval_low"])
        XCTAssertEqual(finding.evidence[1].value, 0.86, accuracy: 0.005)
    }

    func testTheSeedsMissIsExplainedByTheBestPossibleModel() throws {
        // A model right 99.36% of the time misses at least one of 40 points in 23% of test sets.
        XCTAssertEqual(SmallTestSet.atLeast(1, of: 40, rate: 0.00642), 0.2267, accuracy: 0.0005)
        XCTAssertEqual(SmallTestSet.atLeast(2, of: 10, rate: 0.5), 1 - 11.0 / 1024, accuracy: 1e-12)
    }

    func testAPerfectScoreOnFortyPointsIsStillRough() throws {
        let finding = try XCTUnwrap(SmallTestSet().analyze(Scenario.example3).first)
        XCTAssertEqual(finding.headline, "with 40 test points, test accuracy is only known to within about 5 points either way")
        XCTAssertEqual(finding.fixes.map(\.command), ["data circles n=800"])
    }

    func testQuietWithManyTestPointsOrNone() {
        XCTAssertTrue(SmallTestSet().analyze(blobs(n: 2000)).isEmpty)
        let noTest = Scenario.loaded(DataSpec(kind: .moons).generate().prepared.dataset, test: 0)
        XCTAssertTrue(SmallTestSet().analyze(noTest).isEmpty)
    }

    func testNeverMoreThanANote() {
        for context in Scenario.healthy + [Scenario.example1] {
            XCTAssertTrue(SmallTestSet().analyze(context).allSatisfy { $0.severity == .note })
        }
    }
}
