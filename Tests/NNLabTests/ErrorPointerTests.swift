import XCTest
@testable import NNLab

/// Errors point at their token (issue 13, item 8): the message, the line, and a caret under the word,
/// in terminal columns whatever the line holds.
final class ErrorPointerTests: XCTestCase {
    func error(_ line: String) -> String {
        let out = Session().run(line)
        guard case .error(let e)? = out.first else { XCTFail("expected an error from \(line): \(out)"); return "" }
        return e
    }

    func testTheCaretStandsUnderTheWord() {
        XCTAssertEqual(error("train lr=abc"), "lr must be a number above 0 and at most 10 (got 'abc')\n  train lr=abc\n        ^")
        XCTAssertEqual(error("  trian"), "unknown command 'trian'; did you mean train? (type help for the list)\n    trian\n    ^")
    }

    /// Wide characters take two columns, a combining mark none, an escaped tab as many as its escape.
    func testTheCaretCountsTerminalColumns() {
        let wide = error("data load file=数据.csv test=abc").split(separator: "\n").map(String.init)
        XCTAssertEqual(wide.count, 3, "\(wide)")
        XCTAssertEqual(wide.last, "  " + String(repeating: " ", count: "data load file=".count + 4 + ".csv ".count) + "^")
        let combining = error("data load file=e\u{301}.csv test=abc").split(separator: "\n").map(String.init)
        XCTAssertEqual(combining.last, "  " + String(repeating: " ", count: "data load file=e.csv ".count) + "^")
        let tab = error("data\tcircles n=abc").split(separator: "\n").map(String.init)
        XCTAssertEqual(tab[1], "  data\\tcircles n=abc")
        XCTAssertEqual(tab.last, "  " + String(repeating: " ", count: "data\\tcircles ".count) + "^")
    }

    /// The lines that reverted the first caret (d84dca0): a line that starts with a combining mark.
    func testALineStartingWithACombiningMarkIsShownWhole() {
        let e = error("\u{300}x y")
        let parts = e.split(separator: "\n").map(String.init)
        XCTAssertEqual(parts.count, 3, e)
        XCTAssertEqual(Array(parts[1].unicodeScalars), Array("  \u{300}x y".unicodeScalars))
        XCTAssertEqual(parts[2], "  ^")
    }

    /// A blank followed by a combining mark still splits words (as one Character it did not).
    func testABlankBeforeACombiningMarkSplitsWords() {
        XCTAssertEqual(Tokenizer.tokenize("a \u{301}b \"\u{301}c d\"").map(\.text), ["a", "\u{301}b", "\u{301}c d"])
        XCTAssertEqual(Tokenizer.tokenize("a \u{301}b").map(\.column), [0, 2])
    }

    func testTextWidth() {
        XCTAssertEqual(Text.width("abc"), 3)
        XCTAssertEqual(Text.width("数据"), 4)
        XCTAssertEqual(Text.width("e\u{301}"), 1)
        XCTAssertEqual(Text.width("🙂"), 2)
    }
}
