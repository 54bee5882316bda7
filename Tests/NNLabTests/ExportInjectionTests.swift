import Foundation
import XCTest
@testable import NNLab

/// Names read from files (the CSV's name, the label column, feature and class names) reach an exported
/// script only as Python string literals: a session file naming its CSV "p1.csv\nimport os; ..." must not
/// put code in the script.
extension ExportTests {
    static let hostilePayload = "\nimport os; os.system('touch pwned')\n#"

    /// Saves a session on a loaded CSV, then writes the session file again with every name read from the
    /// file replaced by `rename` (the file as `load` reads it).
    func hostileSessionFile(_ name: String, rename: (String) -> String) throws -> String {
        let csv = "alpha,beta,kind\n" + (0..<40).map { "\(Double($0) * 0.1),\(Double($0 % 7) * 0.3),\($0 % 3 == 0 ? "cat" : "dog")" }
            .joined(separator: "\n") + "\n"
        try csv.write(toFile: scratch + "/p1.csv", atomically: true, encoding: .utf8)
        let s = session(["data load file=p1.csv label=kind", "model dense4 relu", "train epochs=2", "save file=\(name)"])
        XCTAssertNotNil(s.data)
        let path = scratch + "/" + name
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var loaded = try XCTUnwrap(json["loaded"] as? [String: Any])
        var source = try XCTUnwrap(loaded["source"] as? [String: Any])
        for key in ["file", "label", "labelColumn"] { source[key] = rename(try XCTUnwrap(source[key] as? String)) }
        source["classes"] = try XCTUnwrap(source["classes"] as? [String]).map(rename)
        loaded["source"] = source
        loaded["features"] = try XCTUnwrap(loaded["features"] as? [String]).map(rename)
        json["loaded"] = loaded
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        return name
    }

    /// Python's view of two scripts: "same" when their syntax trees are equal once every string constant is
    /// blanked, then the string constants of the second, one `repr` a line.
    static let compareTrees = """
        import ast, sys
        def shape(path):
            tree = ast.parse(open(path, encoding='utf-8').read())
            strings = []
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    strings.append(node.value)
                    node.value = ''
            return ast.dump(tree), strings
        plain, _ = shape(sys.argv[1])
        hostile, strings = shape(sys.argv[2])
        print('same' if plain == hostile else 'different')
        for s in strings:
            print(repr(s))
        """

    func testNamesFromASessionFileAreStringLiteralsInTheScripts() throws {
        try requireNumPy()
        let hostile: (String) -> String = { $0 + Self.hostilePayload + "\u{202E}\r'\"\\" }
        let plainFile = try hostileSessionFile("plain.json") { $0 }, hostileFile = try hostileSessionFile("hostile.json", rename: hostile)
        // The CSV under its hostile name too, so that both scripts read their file (or, with embed=on, write the rows in).
        try FileManager.default.copyItem(atPath: scratch + "/p1.csv", toPath: scratch + "/" + hostile("p1.csv"))
        for framework in ScriptFramework.allCases {
          for options in ["", "embed=on", "exact=off"] {
            var scripts: [String] = []
            for file in [plainFile, hostileFile] {
                var s = session([])
                if case .error? = s.run("load file=\(file)").first {
                    // Refusing such names at `load` is fine too; the writer must escape them all the same.
                    XCTAssertEqual(file, hostileFile)
                    let plain = session(["load file=\(plainFile)"]), data = try XCTUnwrap(plain.data)
                    guard case .loaded(var spec) = data.origin else { return XCTFail("loaded data") }
                    for key in [\LoadSpec.file, \LoadSpec.labelColumn] { spec[keyPath: key] = hostile(spec[keyPath: key]) }
                    spec.classes = spec.classes.map(hostile)
                    var dataset = data.prepared.dataset
                    dataset.featureNames = dataset.featureNames.map(hostile)
                    plain.data = LabData(loaded: LoadedTable(dataset: dataset, labelColumn: spec.labelColumn, classes: spec.classes,
                                                             split: data.prepared.split), spec: spec)
                    s = plain
                }
                XCTAssertEqual(s.data?.name, file == plainFile ? "p1.csv" : hostile("p1.csv"))
                scripts.append(try export(s, framework, as: "\(file.dropLast(5))_\(framework.rawValue).py", options: options))
            }
            XCTAssertEqual(scripts[0].contains("X = np.array([\n"), options == "embed=on", "\(framework) \(options)")
            let hostileScript = scripts[1]
            XCTAssertFalse(hostileScript.contains("\nimport os"), "a name ended a line of the \(framework) script")
            XCTAssertFalse(hostileScript.contains("\r") || hostileScript.contains("\u{202E}"))
            XCTAssertTrue(hostileScript.contains("\n#   data load \"file='p1.csv\\nimport os; os.system(\\'touch pwned\\')\\n#\\u202e\\r\\'\"\"\\\\'\""),
                          "the header names the file as a string literal (its quote doubled, as the tokenizer reads it back)")
            let out = try pythonOK(["-c", Self.compareTrees, "plain_\(framework.rawValue).py", "hostile_\(framework.rawValue).py"])
                .split(separator: "\n").map(String.init)
            XCTAssertEqual(out.first, "same", "\(framework) \(options): the names changed the script's code")
            for name in ["p1.csv", "kind", "alpha", "beta", "cat", "dog"] {
                XCTAssertTrue(out.contains(Self.pythonRepr(hostile(name))), "\(framework) \(options): \(name) is not a string literal of the script")
            }
          }
        }
    }

    /// Python's `repr` of the hostile names (a str with both quotes uses single quotes and escapes them).
    static func pythonRepr(_ s: String) -> String {
        "'" + s.unicodeScalars.map { u -> String in
            switch u {
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "'": return "\\'"
            case "\\": return "\\\\"
            case "\u{202E}": return "\\u202e"
            default: return String(u)
            }
        }.joined() + "'"
    }
}
