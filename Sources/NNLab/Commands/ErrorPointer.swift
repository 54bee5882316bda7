extension CommandError {
    /// The message and, when the error knows where its word starts, the typed line with a caret
    /// under that word, as a compiler points at a token:
    ///
    ///     lr must be a number above 0 and at most 10 (got 'abc')
    ///       train lr=abc
    ///             ^
    /// The line is shown escaped as the message is; one cut short for length gets no caret.
    func pointing(into line: String) -> String {
        guard let column, column <= line.count else { return message }
        let shown = Self.printable(line), before = Self.printable(String(line.prefix(column)))
        guard shown.hasPrefix(before), !shown.contains("…") else { return message }
        return message + "\n  " + shown + "\n  " + String(repeating: " ", count: before.count) + "^"
    }
}
