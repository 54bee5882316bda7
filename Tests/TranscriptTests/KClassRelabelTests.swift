import Foundation
import XCTest

/// `data relabel show=label-noise` with three classes, through the `nnlab` binary: each listed training point gets
/// the class label noise suspects for it, `data info` and its JSON say so, a saved session keeps it, `data reset`
/// undoes it, and a saved session whose labels are not classes of the data is refused.
final class KClassRelabelTests: XCTestCase {
    func json(_ line: Substring) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    func testRelabelGivesEachSuspectItsSuspectedClass() throws {
        let dir = NSTemporaryDirectory() + "nnlab-relabel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Executable.run(input: [
            "data spiral classes=3 flip=0.1", "data info format=json", "model dense32 relu dense32 relu", "train lr=0.01 epochs=300",
            "diagnose format=json", "data relabel show=label-noise", "data info", "data info format=json",
            "save file=\(dir)/s.json", "export data file=\(dir)/relabelled.csv", "data reset", "data info format=json",
            "load file=\(dir)/s.json", "data info format=json",
        ].joined(separator: "\n") + "\n")
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 0)
        let lines = try r.stdout.split(separator: "\n").filter { $0.hasPrefix("{") }.map(json)
        XCTAssertEqual(lines.count, 5)
        let (before, report, after, reset, loaded) = (lines[0], lines[1], lines[2], lines[3], lines[4])
        let finding = try XCTUnwrap((report["findings"] as! [[String: Any]]).first { $0["id"] as? String == "label-noise" })
        let points = finding["points"] as! [Int], suspected = (finding["suspected"] as! [String]).map { Int($0)! }
        let flipped = before["flipped"] as! [Int]
        XCTAssertEqual(flipped.count, 16)
        XCTAssertTrue(r.stdout.contains("gave \(points.count) training points the class that label-noise suspects for each (the test set is untouched)\n"), r.stdout)
        // The labels as exported are the suspected ones at the listed points.
        let rows = try String(contentsOfFile: dir + "/relabelled.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",") }
        let label = Dictionary(uniqueKeysWithValues: rows.map { (Int($0[0])!, Int($0[3])!) })
        for (p, c) in zip(points, suspected) { XCTAssertEqual(label[p], c, "point \(p)") }
        // Most flips are put right: those left are the ones not listed, or listed with another wrong class.
        let left = after["flipped"] as! [Int]
        XCTAssertLessThanOrEqual(left.count, 3, "\(left)")
        XCTAssertTrue(r.stdout.contains(", \(left.count) training labels flipped, \(points.count) training points relabelled\n"), r.stdout)
        let edit = try XCTUnwrap((after["edits"] as! [[String: Any]]).first)
        XCTAssertEqual(edit["kind"] as? String, "relabel")
        XCTAssertEqual(edit["labels"] as? [Int], suspected)
        XCTAssertEqual(reset["flipped"] as? [Int], flipped)
        XCTAssertEqual(reset["counts"] as? [Int], before["counts"] as? [Int])
        XCTAssertEqual(loaded["flipped"] as? [Int], left)
        XCTAssertEqual(loaded["counts"] as? [Int], after["counts"] as? [Int])
        XCTAssertEqual((loaded["edits"] as! [[String: Any]]).first?["labels"] as? [Int], suspected)

        // A saved relabel whose labels are not classes of the data, or not one per point, is refused.
        let saved = try String(contentsOfFile: dir + "/s.json", encoding: .utf8)
        for (name, bad) in [("class", saved.replacingOccurrences(of: "\"labels\":[", with: "\"labels\":[7,")),
                            ("count", saved.replacingOccurrences(of: "\"labels\":[", with: "\"labels\":[0,"))] {
            XCTAssertNotEqual(bad, saved)
            try bad.write(toFile: dir + "/\(name).json", atomically: true, encoding: .utf8)
            let refused = try Executable.run(input: "load file=\(dir)/\(name).json\n")
            XCTAssertTrue(refused.stderr.contains("is damaged: a relabel edit gives labels that are not one class of this data per point"),
                          refused.stderr)
        }
    }
}
