import XCTest
@testable import NNLab

/// Help, completion and suggestions all come from the one table.
final class CommandTableTests: XCTestCase {
    func testHelpListsEveryCommandAndEveryKey() throws {
        let overview = try Help.text(topic: [])
        for spec in CommandTable.all {
            XCTAssertTrue(overview.contains(spec.name), spec.name)
            let detail = try Help.text(topic: spec.name.split(separator: " ").map(String.init))
            for key in spec.keys { XCTAssertTrue(detail.contains(key.name + "="), "\(spec.name) \(key.name)") }
            for example in spec.examples { XCTAssertNoThrow(try Parser.parse(example), "example '\(example)' parses") }
            // Every name `help` lists works after `help` as typed (`help data circles` too).
            XCTAssertEqual(try Parser.parse("help " + spec.name)?.words.map(\.text), spec.name.split(separator: " ").map(String.init))
        }
        XCTAssertTrue(try Help.text(topic: ["tr"]).hasPrefix("usage: train"), "a unique prefix finds the command")
        XCTAssertThrowsError(try Help.text(topic: ["trian"])) { error in
            XCTAssertTrue((error as! CommandError).message.contains("did you mean train?"))
        }
        // The quoting help says is the quoting the parser reads.
        XCTAssertTrue(overview.hasSuffix(Help.quoting), overview)
        XCTAssertEqual(try Parser.parse(#"save file="my data.json""#)?.text("file"), "my data.json")
        XCTAssertEqual(try Parser.parse(#"save file="a ""b"".json""#)?.text("file"), #"a "b".json"#)
        // A verb with several forms lists them in a few lines; each form's keys are one `help` away.
        let data = try Help.text(topic: ["data"])
        XCTAssertLessThan(data.split(separator: "\n").count, 15, data)
        XCTAssertTrue(data.contains("data circles") && !data.contains("noise="), data)
        XCTAssertTrue(try Help.text(topic: ["data", "circ"]).hasPrefix("usage: data circles"))
        XCTAssertThrowsError(try Help.text(topic: ["data", "cirles"])) { error in
            XCTAssertTrue((error as! CommandError).message.contains("did you mean circles?"), "\(error)")
        }
    }

    func testCompletionOffersVerbsFormsKeysAndValues() {
        XCTAssertEqual(Completion.candidates(before: "", partial: "tr"), ["train"])
        XCTAssertTrue(Completion.candidates(before: "", partial: "").contains("evaluate"))
        XCTAssertEqual(Completion.candidates(before: "data ", partial: "ci"), ["circles"])
        XCTAssertTrue(Completion.candidates(before: "data ", partial: "").contains("info"))
        XCTAssertEqual(Completion.candidates(before: "train ", partial: "ep"), ["epochs="])
        XCTAssertEqual(Completion.candidates(before: "train lr=0.1 ", partial: "l"), ["l2=", "l1=", "lr_decay="], "given keys are not offered again")
        XCTAssertEqual(Completion.candidates(before: "model dense16 relu ", partial: "d"), ["dense8", "dense16", "dense32", "dense64", "dropout="])
        XCTAssertEqual(Completion.candidates(before: "model dense16 relu ", partial: "batchnorm="), ["batchnorm=on", "batchnorm=off"])
        XCTAssertEqual(Completion.candidates(before: "train ", partial: "optimizer=r"), ["optimizer=rmsprop"])
        XCTAssertEqual(Completion.candidates(before: "train ", partial: "co"), ["continue"])
        XCTAssertEqual(Completion.candidates(before: "model ", partial: "li"), ["linear"])
        XCTAssertEqual(Completion.candidates(before: "model dense16 ", partial: "re"), ["relu"])
        XCTAssertEqual(Completion.candidates(before: "model dense16 relu ", partial: "dense1"), ["dense16"])
        XCTAssertEqual(Completion.candidates(before: "help ", partial: "ev"), ["evaluate"])
        XCTAssertEqual(Completion.candidates(before: "nosuch ", partial: ""), [])
    }

    func testTokensKeepTheirColumns() {
        let tokens = Tokenizer.tokenize("  train   lr=0.1 file=\"a b.csv\" # comment")
        XCTAssertEqual(tokens, [Token(text: "train", column: 2), Token(text: "lr=0.1", column: 10),
                                Token(text: "file=a b.csv", column: 17)])
        XCTAssertThrowsError(try Parser.parse("train   lr=abc")) { error in
            XCTAssertEqual((error as! CommandError).column, 8, "the error points at the offending word")
        }
    }

    func testSuggestionsAreCloseOnly() {
        XCTAssertEqual(Suggest.closest(to: "trian", in: CommandTable.verbs), ["train"])
        XCTAssertEqual(Suggest.closest(to: "xyzzy", in: CommandTable.verbs), [])
        XCTAssertEqual(Suggest.distance("lr", "l2"), 1)
    }
}
