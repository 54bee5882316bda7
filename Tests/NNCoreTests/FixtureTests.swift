import XCTest
@testable import NNCore

/// `data circles` against NumPy's own output (Fixtures/make_fixtures.py wrote them;
/// circles-seed42.csv is shared/reference's, with NumPy's scaled values too).
final class FixtureTests: XCTestCase {
    struct Row { var x1, x2: Double; var label: Int; var split: String; var scaled: [Double] }

    static func load(_ name: String) throws -> [Row] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let f = line.split(separator: ",").map(String.init)
            return Row(x1: Double(f[1])!, x2: Double(f[2])!, label: Int(f[3])!, split: f[4],
                       scaled: f.count > 6 ? [Double(f[5])!, Double(f[6])!] : [])
        }
    }

    func check(_ name: String, n: Int, noise: Double, seed: UInt32, test: Double,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let rows = try Self.load(name)
        let data = Generators.circles(n: n, noise: noise, seed: seed)
        let split = Split.shuffled(count: data.count, testFraction: test, seed: seed)
        XCTAssertEqual(data.count, rows.count, file: file, line: line)
        var maxError = 0.0
        for (i, row) in rows.enumerated() {
            maxError = max(maxError, abs(data.x[2 * i] - row.x1), abs(data.x[2 * i + 1] - row.x2))
            XCTAssertEqual(data.y[i], row.label, "label of row \(i)", file: file, line: line)
        }
        XCTAssertLessThanOrEqual(maxError, 1e-12, file: file, line: line)
        XCTAssertEqual(Set(split.test), Set(rows.indices.filter { rows[$0].split == "test" }), file: file, line: line)
        XCTAssertEqual(Set(split.train), Set(rows.indices.filter { rows[$0].split == "train" }), file: file, line: line)
    }

    func testDefaultCirclesMatchTheSeedsData() throws {
        try check("circles-seed42.csv", n: 200, noise: 0.2, seed: 42, test: 0.2)
        let rows = try Self.load("circles-seed42.csv")
        let prepared = PreparedData(dataset: Generators.circles(n: 200, noise: 0.2, seed: 42),
                                    split: Split.shuffled(count: 200, testFraction: 0.2, seed: 42))
        let scaled = prepared.scaler.transform(prepared.dataset.x)
        var maxError = 0.0
        for (i, row) in rows.enumerated() {
            maxError = max(maxError, abs(scaled[2 * i] - row.scaled[0]), abs(scaled[2 * i + 1] - row.scaled[1]))
        }
        XCTAssertLessThanOrEqual(maxError, 1e-12)
        // The split order matters too: the seed's test point 17 is the one Keras misses.
        XCTAssertEqual(prepared.split.test.count, 40)
        XCTAssertEqual(prepared.split.train.count, 160)
    }

    func testOtherSeedsSizesAndNoiseMatchNumPy() throws {
        try check("circles-n50-noise0.05-seed7-test0.3.csv", n: 50, noise: 0.05, seed: 7, test: 0.3)
        try check("circles-n301-noise0.5-seed123-test0.25.csv", n: 301, noise: 0.5, seed: 123, test: 0.25)
        try check("circles-n1000-noise1-seed0-test0.2.csv", n: 1000, noise: 1, seed: 0, test: 0.2)
    }

    func testLinspaceEndsExactlyAtStop() {
        let v = Generators.linspace(0, 2 * .pi, 100)
        XCTAssertEqual(v.first, 0)
        XCTAssertEqual(v.last, 2 * .pi)
        XCTAssertEqual(v.count, 100)
    }

    func testScalerUsesPopulationStandardDeviation() {
        let s = Scaler.fit([1, 10, 3, 10], features: 2)
        XCTAssertEqual(s.mean, [2, 10])
        XCTAssertEqual(s.scale, [1, 1]) // constant column keeps scale 1
        XCTAssertEqual(s.transform([3, 12]), [1, 2])
    }
}
