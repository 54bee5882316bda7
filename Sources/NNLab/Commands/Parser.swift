/// One clear line about what is wrong with a command, and where.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int?
    public init(_ message: String, column: Int? = nil) {
        self.message = Self.printable(message)
        self.column = column
    }

    public var description: String { message }

    /// Whatever was typed, an error stays one printable line: control characters (and the
    /// invisible ones that reorder text) are shown escaped, `\u{1B}`, and a word over 120
    /// characters (a line over 400) is cut to its start and end.
    public static func printable(_ message: String) -> String {
        let line = message.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let out = escaped(String(word))
            return out.count > 120 ? out.prefix(100) + "…" + out.suffix(10) : out
        }.joined(separator: " ")
        // A quoted word may hold blanks: the whole line is kept short too, its end (the hint) kept.
        return line.count > 400 ? line.prefix(300) + "…" + line.suffix(60) : line
    }

    /// Control characters (and the invisible ones that reorder text) written out, `\u{1B}`, whatever the length.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where hidden(u): out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Control characters, and the invisible marks that reorder text on screen.
    static func hidden(_ u: Unicode.Scalar) -> Bool {
        u.properties.generalCategory == .control || (0x200E...0x200F).contains(u.value)
            || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value) || u.value == 0x061C
    }
}

public enum Parser {
    /// nil for a blank or comment-only line.
    public static func parse(_ line: String) throws -> Invocation? {
        let tokens = Tokenizer.tokenize(line)
        guard let verb = tokens.first else { return nil }
        let forms = CommandTable.forms(of: Substring(verb.text))
        guard let first = forms.first else {
            throw CommandError("unknown command '\(verb.text)'" + Suggest.phrase(verb.text, CommandTable.verbs)
                               + " (type help for the list)", column: verb.column)
        }
        var rest = tokens.dropFirst()
        var spec = first
        if first.form != nil {
            let names = forms.map { String($0.form!) }
            guard let formToken = rest.first, !formToken.text.unicodeScalars.contains("=") else {
                throw CommandError("\(verb.text) needs one of: \(names.joined(separator: ", "))", column: verb.column)
            }
            guard let chosen = forms.first(where: { $0.form! == formToken.text }) else {
                throw CommandError("unknown \(verb.text) '\(formToken.text)'" + Suggest.phrase(formToken.text, names)
                                   + " (one of: \(names.joined(separator: ", ")))", column: formToken.column)
            }
            spec = chosen
            rest = rest.dropFirst()
        }
        var invocation = Invocation(spec)
        for token in rest {
            // Split scalar by scalar, as the tokenizer reads: `=` or `,` followed by a combining mark is one Character.
            let scalars = token.text.unicodeScalars
            if let eq = scalars.firstIndex(of: "=") {
                let name = String(scalars[..<eq]), raw = String(scalars[scalars.index(after: eq)...])
                guard let key = spec.key(name) else {
                    let keys = spec.keys.map(\.name)
                    throw CommandError("\(spec.name) has no key '\(name)'" + Suggest.phrase(name, keys, suffix: "=")
                                       + (keys.isEmpty ? " (it takes none)" : " (keys: \(keys.joined(separator: ", ")))"),
                                       column: token.column)
                }
                guard invocation.values[name] == nil else {
                    throw CommandError("\(name)= is given twice; keep one", column: token.column)
                }
                if key.list {
                    let parts = raw.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
                    guard parts.count <= 10 else { throw CommandError("\(name)= takes at most 10 values", column: token.column) }
                    invocation.set(name, .list(try parts.map { try value($0, for: key, column: token.column) }))
                } else {
                    invocation.set(name, try value(raw, for: key, column: token.column))
                }
            } else {
                try checkWord(token, of: spec, given: invocation.words)
                invocation.words.append(token)
            }
        }
        if let missing = spec.keys.first(where: { $0.required && invocation.values[$0.name] == nil }) {
            throw CommandError("\(spec.name) needs \(missing.name)=\(missing.placeholder)")
        }
        return invocation
    }

    static func checkWord(_ token: Token, of spec: CommandSpec, given: [Token]) throws {
        switch spec.words {
        case .none:
            throw CommandError("\(spec.name) takes no word '\(token.text)'"
                               + (spec.keys.isEmpty ? "" : "; its keys are written key=value: \(spec.keys.map { $0.name + "=" }.joined(separator: " "))"),
                               column: token.column)
        case .flags(let flags):
            guard flags.contains(token.text) else {
                let keys = spec.keys.map(\.name)
                if keys.contains(token.text) {
                    throw CommandError("\(token.text) needs a value: \(token.text)=\(spec.key(token.text)!.placeholder)", column: token.column)
                }
                throw CommandError("\(spec.name) does not know '\(token.text)'"
                                   + Suggest.phrase(token.text, flags + keys.map { $0 + "=" }), column: token.column)
            }
            if given.contains(where: { $0.text == token.text }) {
                throw CommandError("'\(token.text)' is given twice", column: token.column)
            }
        case .topic:
            // `help data circles`: a verb and one of its forms.
            if given.count >= 2 { throw CommandError("\(spec.name) takes a command and its form at most", column: token.column) }
        case .name:
            if !given.isEmpty { throw CommandError("\(spec.name) takes one name", column: token.column) }
        case .layers, .terms:
            break // the model and features commands check their words themselves
        }
    }

    /// 1e3 is a fine way to write a thousand; 1e12 still gets the range.
    static func integer(_ raw: String, in range: ClosedRange<Int>, else bad: CommandError) throws -> Int {
        guard let d = Double(raw), d.isFinite, d == d.rounded(), d >= Double(range.lowerBound), d <= Double(range.upperBound)
        else { throw bad }
        return Int(d)
    }

    static func value(_ raw: String, for key: KeySpec, column: Int) throws -> Invocation.Value {
        let bad = CommandError(raw.isEmpty ? "\(key.name)= needs a value: \(key.allowed)"
                                           : "\(key.name) must be \(key.allowed) (got '\(raw.prefix(40))')",
                               column: column)
        switch key.kind {
        case .integerOrAuto(let range):
            return raw == "auto" ? .text(raw) : .integer(try integer(raw, in: range, else: bad))
        case .integer(let range):
            return .integer(try integer(raw, in: range, else: bad))
        case .real(let range, let openLow):
            guard let d = Double(raw), d.isFinite, range.contains(d), !(openLow && d == range.lowerBound) else { throw bad }
            return .real(d)
        case .choice(let choices):
            guard choices.contains(raw) else {
                throw CommandError("\(key.name) must be \(key.allowed) (got '\(raw.prefix(40))')"
                                   + Suggest.phrase(raw, choices), column: column)
            }
            return .text(raw)
        case .text:
            guard !raw.isEmpty, raw.count <= 200 else { throw bad }
            return .text(raw)
        case .path, .folder:
            let named = if case .path(let ext) = key.kind { raw.lowercased().hasSuffix("." + ext) } else { true }
            guard !raw.isEmpty, named, raw.count < 4096, !raw.unicodeScalars.contains(where: CommandError.hidden) else { throw bad }
            return .text(raw)
        }
    }
}
