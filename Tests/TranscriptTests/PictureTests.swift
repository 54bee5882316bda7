import XCTest

/// The pictures as a learner sees them through the piped `nnlab` (issue 18).
final class PictureTests: XCTestCase {
    /// Plot rows: the characters right of the y axis.
    private func plotRows(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard let a = line.firstIndex(where: { "┤│".contains($0) }), line[..<a].allSatisfy({ " 0123456789.-e".contains($0) }) else { return nil }
            return String(line[line.index(after: a)...])
        }
    }

    /// `train optimizer=sgd lr=8` on circles: the test loss swings over the train loss, yet the train line shows,
    /// and chance (0.693) is a labelled line.
    func testLossChartAtLR8ShowsTheTrainLineAndChance() throws {
        let out = try Executable.run(input: "data circles\nmodel dense16 relu\ntrain optimizer=sgd lr=8 epochs=100\nplot loss\n").stdout
        let chart = String(out[out.range(of: "loss per epoch")!.lowerBound...])
        let rows = plotRows(chart).joined()
        XCTAssertGreaterThan(rows.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count, 50, chart)
        XCTAssertTrue(rows.contains("┄"), chart)
        XCTAssertTrue(chart.contains("┄┄ chance: loss 0.693 (log 2, a coin flip)"), chart)
    }

    /// A poor model's map: misclassified points keep class and split without colour, the legend says so,
    /// and the ticks on both axes are evenly spaced.
    func testMapKeepsMisclassifiedPointsReadableAndTicksEven() throws {
        let out = try Executable.run(input: "data circles\nmodel dense16 relu\ntrain optimizer=sgd lr=8 epochs=20\nplot boundary\n").stdout
        let map = String(out[out.range(of: "decision boundary")!.lowerBound...])
        XCTAssertFalse(plotRows(map).joined().contains("!"), map)
        XCTAssertTrue(map.contains("O X test points  c y C Y misclassified ("), map)
        let lines = map.split(separator: "\n")
        let xValues = lines[lines.firstIndex { $0.contains("└") }! + 1].split(separator: " ").compactMap { Double($0) }
        let yValues = lines.filter { $0.contains("┤") }.compactMap { Double($0.split(separator: " ").first ?? "") }
        for values in [xValues, yValues.reversed()] {
            XCTAssertGreaterThanOrEqual(values.count, 3, map)
            let gaps = zip(values, values.dropFirst()).map { $1 - $0 }
            XCTAssertEqual(Set(gaps).count, 1, "\(values)\n\(map)")
        }
    }
}
