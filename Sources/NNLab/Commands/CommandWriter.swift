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

    /// A word with blanks or quotes, one that would start a comment, or an empty one, in double quotes, each
    /// `"` in it doubled: the tokenizer reads it back as the same word, whatever it holds. Scalar by scalar,
    /// as the tokenizer reads (a blank or quote followed by a combining mark is one Character).
    static func quoted(_ word: String) -> String {
        let scalars = word.unicodeScalars
        guard scalars.isEmpty || scalars.first == "#" || scalars.contains(where: { $0 == " " || $0 == "\t" || $0 == "\"" }) else {
            return word
        }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for u in scalars {
            out.append(u)
            if u == "\"" { out.append(u) }
        }
        out.append("\"")
        return String(out)
    }
}
