/// A word of a command line and where it starts, so errors can point at it.
public struct Token: Equatable, Sendable {
    public var text: String
    /// Unicode scalars before the word.
    public var column: Int
}

enum Tokenizer {
    /// Splits on blanks; `"..."` keeps blanks inside a word, and inside it `""` is one `"` (as in CSV), so that
    /// any word can be written (`CommandWriter.quoted`); `#` at the start of a word ends the line.
    /// Read scalar by scalar, not by Character: a combining mark typed after a blank or a quote would
    /// otherwise join it into one Character, and the blank would stop splitting words.
    static func tokenize(_ line: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView(), start = 0, inQuotes = false, inWord = false, skip = false
        let scalars = Array(line.unicodeScalars)
        for (column, c) in scalars.enumerated() {
            if skip {
                skip = false
            } else if c == "\"" {
                if inQuotes, column + 1 < scalars.count, scalars[column + 1] == "\"" {
                    current.append(c)
                    skip = true
                    continue
                }
                if !inWord { start = column; inWord = true }
                inQuotes.toggle()
            } else if !inQuotes && (c == " " || c == "\t") {
                if inWord { tokens.append(Token(text: String(current), column: start)); current = .init(); inWord = false }
            } else if !inQuotes && !inWord && c == "#" {
                break
            } else {
                if !inWord { start = column; inWord = true }
                current.append(c)
            }
        }
        if inWord { tokens.append(Token(text: String(current), column: start)) }
        return tokens
    }
}
