import Foundation
import XCTest

/// Issue 17's payloads through the built binary, as a learner who downloaded the files meets them:
/// terminal escapes in a CSV's labels and names, a session file whose file name carries Python code
/// and escapes, a transcript whose header and expected lines carry escapes. Nothing reaches the
/// terminal as a control character; the session file is refused.
final class HostileFilesTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "nnlab-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func file(_ name: String, _ text: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }

    static func controls(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && ($0.properties.generalCategory == .control || (0x202A...0x202E).contains($0.value)) }
    }

    func testEscapesInFilesNeverReachTheTerminal() throws {
        let labels = ["\u{1B}]0;pwned\u{7}cat", "dog\u{1B}[2J"]
        try file("escape.csv", "h\u{1B}[31m,w\u{9B}1m,label\n" + (0..<20).map { "\($0 % 7),\($0 % 5),\(labels[$0 % 2])" }.joined(separator: "\n") + "\n")
        let session = """
            {"nnlab": 1, "settings": {"seed": 0}, "loaded": {"source": {"file": "p1.csv\\nimport os; os.system('touch pwned')\\n#",
             "test": 0.2, "seed": 42, "scaled": true, "classes": ["0", "1"], "labelColumn": "label\\u001b]0;x\\u0007", "fileSplit": false},
             "features": ["a\\u001b[2J", "b"], "x": [0, 1, 1, 0, 2, 2, 3, 1, 1, 3, 0, 0, 1, 1, 2, 0, 0, 2, 3, 3],
             "y": [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], "train": [0, 1, 2, 3, 4, 5, 6, 7], "test": [8, 9]}}
            """
        try file("evil.json", session)
        let r = try Executable.run(input: ["data load file=\(dir)/escape.csv", "data info", "data info format=json", "status", "plot data",
                                          "model linear", "train epochs=3", "plot", "load file=\(dir)/evil.json", "status"]
                                    .joined(separator: "\n") + "\n")
        XCTAssertEqual(Self.controls(r.stdout), [], r.stdout.debugDescription)
        XCTAssertEqual(Self.controls(r.stderr), [], r.stderr.debugDescription)
        XCTAssertTrue(r.stdout.contains(#"label: label (\u{1B}]0;pwned\u{7}cat → 0, dog\u{1B}[2J → 1)"#), r.stdout)
        XCTAssertTrue(r.stderr.contains("evil.json is damaged: "), r.stderr)
        let last = r.stdout.split(separator: "\n").last ?? ""
        XCTAssertTrue(last.hasPrefix("trained: 3 epochs"), "the refused file left the session as it was: \(r.stdout)")
        XCTAssertEqual(r.status, 1)

        try file("escape.transcript", "# \u{1B}]0;pwned\u{7} title\nnnlab> data circles n=50\ndata: \u{1B}[2J circles\n")
        let check = try Executable.run(["check", dir + "/escape.transcript"], input: "")
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(Self.controls(check.stdout), [], check.stdout.debugDescription)
        XCTAssertTrue(check.stdout.contains(#"-data: \u{1B}[2J circles"#), check.stdout)
    }
}
