/// The one writer of commands, the inverse of the parser: `Parser.parse(CommandWriter.line(c)) == c`.
/// Fixes, exports, session-file checks and lessons show commands through it.
public enum CommandWriter {
    /// The command name, its words, then `key=value` in the order given.
    public static func line(_ c: Invocation) -> String {
        ([c.spec.name] + c.words.map { quoted($0.text) } + c.order.compactMap { key in
            c.values[key].map { quoted(key + "=" + text($0)) }
        }).joined(separator: " ")
    }

    /// A value as typed: the shortest number that reads back the same (0.001, 1e-07, 500), lists with commas.
    public static func text(_ v: Invocation.Value) -> String {
        switch v {
        case .integer(let i): return String(i)
        case .real(let x): return Text.number(x)
        case .text(let t): return t
        case .list(let l): return l.map(text).joined(separator: ",")
        }
    }

    /// A word with blanks, or one that would start a comment, in double quotes. (A `"` inside a word
    /// cannot be written: the tokenizer has no escape for it, so no typed word holds one.)
    static func quoted(_ word: String) -> String {
        word.contains(where: { $0 == " " || $0 == "\t" }) || word.hasPrefix("#") || word.isEmpty ? "\"\(word)\"" : word
    }
}
