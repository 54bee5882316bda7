extension String {
    /// The lines of a lesson or transcript, however they end: `\n`, `\r\n` (as Windows editors save) or a
    /// lone `\r`. Splitting on "\n" alone misses `\r\n`, which Swift holds as one Character, and read a CRLF
    /// file as a single line. Ends with an empty line when the text ends with a line ending.
    var fileLines: [String] {
        split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
    }
}
