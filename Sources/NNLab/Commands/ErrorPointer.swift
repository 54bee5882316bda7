extension CommandError {
    /// The message and, when the error knows where its word starts, the typed line with a caret
    /// under that word, as a compiler points at a token:
    ///
    ///     lr must be a number above 0 and at most 10 (got 'abc')
    ///       train lr=abc
    ///             ^
    /// The line is shown escaped as the message is; one cut short for length gets no caret. The caret's
    /// place is counted in terminal columns (`Text.width`), and the line is handled scalar by scalar,
    /// as the tokenizer counts: a line starting with a combining mark would join the indent's blank
    /// into one Character (the cause of the fuzz failures that reverted d84dca0).
    func pointing(into line: String) -> String {
        guard let column, column <= line.unicodeScalars.count else { return message }
        let before = Self.printable(String(line.unicodeScalars.prefix(column)))
        let shown = Self.printable(line)
        guard shown.unicodeScalars.starts(with: before.unicodeScalars), !shown.contains("…") else { return message }
        return message + "\n  " + shown + "\n  " + String(repeating: " ", count: Text.width(before)) + "^"
    }
}
