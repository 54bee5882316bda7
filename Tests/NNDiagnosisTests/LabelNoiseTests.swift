import XCTest
import NNCore
@testable import NNDiagnosis

/// Measured in a release build over seeds 0–39, n 200, default noise (F1 against the flipped labels):
///           5%     10%    15%    20%   clean
/// circles  0.94   0.94   0.91   0.86   0 flagged
/// moons    0.99   0.98   0.96   0.90   0
/// spiral   0.98   0.98   0.95   0.89   0
/// xor      0.99   0.99   0.98   0.94   0
/// blobs    1.00   1.00   0.99   0.94   0
/// gauss    never fires: its 15.6% overlap explains more suspects than the flips add.
/// Clean and also quiet: imbalance 0.2–0.5, n 60 and n 1000, circles noise 0.3, moons 0.2, spiral 0.1.
final class LabelNoiseTests: XCTestCase {
    func suspects(_ spec: DataSpec) -> (found: [Int], flipped: [Int]) {
        let data = spec.generate()
        let rows = StandardRows(data.prepared)
        return (LabelNoise.suspects(NeighbourLists(rows)).map { rows.indices[$0] }, data.flipped)
    }

    func testFindsFlippedLabelsOnCirclesMoonsAndSpiral() {
        for kind in [DataSpec.Kind.circles, .moons, .spiral] {
            var found: [Int] = [], flipped: [Int] = []
            for (seed, flip) in [(UInt32(1), 0.05), (2, 0.1), (3, 0.15)] {
                let s = suspects(DataSpec(kind: kind, seed: seed, flip: flip))
                // Offsets keep the seeds' indices apart in one pooled F1.
                found += s.found.map { $0 + Int(seed) * 1000 }
                flipped += s.flipped.map { $0 + Int(seed) * 1000 }
            }
            XCTAssertGreaterThanOrEqual(Scenario.f1(found, flipped), 0.9, "\(kind)")
        }
    }

    func testTheFindingListsThePointsAndHowManyFlipsItCaught() throws {
        let context = Scenario.context(DataSpec(kind: .circles, flip: 0.1), epochs: 1)
        let finding = try XCTUnwrap(LabelNoise().analyze(context).first)
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertGreaterThanOrEqual(Scenario.f1(finding.points, context.flipped), 0.9)
        XCTAssertEqual(finding.points, finding.points.sorted())
        XCTAssertTrue(Set(finding.points).isSubset(of: context.data.split.train))
        XCTAssertEqual(finding.evidence.map(\.key), ["suspect_labels", "model_follows", "flipped_found"])
        XCTAssertEqual(finding.fixes.map(\.command), ["data circles flip=0"])
    }

    func testCleanDataHasNoSuspects() {
        for kind in [DataSpec.Kind.circles, .moons, .spiral, .xor, .blobs] {
            for seed: UInt32 in [0, 1, 42] {
                XCTAssertLessThan(suspects(DataSpec(kind: kind, seed: seed)).found.count, LabelNoise.minimum, "\(kind) seed \(seed)")
            }
        }
        for context in Scenario.healthy + [Scenario.example1] { XCTAssertTrue(LabelNoise().analyze(context).isEmpty) }
    }

    func testARareClassIsNotMistakenForNoise() {
        // A rare class's points have mostly the common class for neighbours; the vote alone blamed them.
        for spec in [DataSpec(kind: .circles, imbalance: 0.3), DataSpec(kind: .moons, imbalance: 0.2), DataSpec(kind: .circles, n: 60)] {
            XCTAssertLessThan(suspects(spec).found.count, LabelNoise.minimum, "\(spec)")
        }
    }

    func testOverlapIsLeftToClassOverlap() {
        // gauss puts 15.6% of points on the wrong side by itself: those are not label errors.
        XCTAssertTrue(LabelNoise().analyze(Scenario.context(DataSpec(kind: .gauss), epochs: 1)).isEmpty)
    }
}
