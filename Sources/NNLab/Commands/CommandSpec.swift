/// What a command accepts, as data: parsing, help, completion and suggestions all read it.
public struct CommandSpec: Sendable {
    /// `data circles`, `train`, `export data`: the verb and, for verbs with several forms, the form.
    public var name: String
    /// What may follow the name besides `key=value`s.
    public var words: Words
    public var keys: [KeySpec]
    /// One line for `help`.
    public var summary: String
    /// Longer text for `help VERB`, may be empty.
    public var details: String
    public var examples: [String]
    /// What runs it: a command without a handler does not compile.
    public var run: Handler

    public typealias Handler = @Sendable (Session, Invocation) throws -> [Output]

    public enum Words: Sendable, Equatable {
        case none
        /// Bare words from a fixed list, each at most once (`continue`, `verify`).
        case flags([String])
        /// `linear` or `denseN ACT ...`.
        case layers
        /// One optional command name (`help train`).
        case topic
        /// One optional name from a list known at run time (`lesson circles`).
        case name
        /// Any number of names from a list known at run time, checked by the handler (`features x1 x1^2`).
        case terms
    }

    public var verb: Substring { name.split(separator: " ")[0] }
    public var form: Substring? { name.split(separator: " ").dropFirst().first }

    public func key(_ name: String) -> KeySpec? { keys.first { $0.name == name } }

    public var usage: String {
        var parts = [name]
        switch words {
        case .none: break
        case .flags(let f): parts += f.map { "[\($0)]" }
        case .layers: parts.append("linear | denseN ACT [denseN ACT ...]")
        case .topic: parts.append("[command [form]]")
        case .name: parts.append("[name]")
        case .terms: parts.append("[reset | WORD ...]")
        }
        parts += keys.map { $0.required ? "\($0.name)=\($0.placeholder)" : "[\($0.name)=\($0.placeholder)]" }
        return parts.joined(separator: " ")
    }
}

/// One `key=value` a command accepts, with its type, default and allowed range.
public struct KeySpec: Sendable {
    public var name: String
    public var kind: Kind
    /// Shown in help; nil when the key has no default (required or optional without one).
    public var defaultText: String?
    public var help: String
    public var required = false
    /// Takes several values separated by commas (`sweep lr=0.001,0.01`).
    public var list = false
    /// The setting the key sets, for keys that build a settings value (`train`, `data`, `set`); nil
    /// for keys the handler reads itself (`file=`, `format=`).
    public var field: Field? = nil

    /// The default as a value; the default's text is parsed like a typed value, so it is written once.
    public var defaultValue: Invocation.Value? {
        guard let text = defaultText, let value = try? Parser.value(text, for: self, column: 0) else { return nil }
        return list ? .list([value]) : value
    }

    public enum Kind: Sendable, Equatable {
        case integer(ClosedRange<Int>)
        /// A whole number in range, or `auto`.
        case integerOrAuto(ClosedRange<Int>)
        case real(ClosedRange<Double>, openLow: Bool)
        case choice([String])
        case path(ext: String)
        case folder
        /// Any short text (a column name).
        case text
    }

    public var placeholder: String {
        list ? single + "[,...]" : single
    }

    private var single: String {
        switch kind {
        case .integer, .integerOrAuto, .real: return defaultText ?? "N"
        case .choice(let c): return c.joined(separator: "|")
        case .path(let ext): return "PATH.\(ext)"
        case .folder: return "FOLDER"
        case .text: return "NAME"
        }
    }

    /// "between 1 and 100000", "one of adam, sgd", for errors and help.
    public var allowed: String {
        switch kind {
        case .integer(let r): return "a whole number from \(r.lowerBound) to \(r.upperBound)"
        case .integerOrAuto(let r): return "auto or a whole number from \(r.lowerBound) to \(r.upperBound)"
        case .real(let r, let openLow):
            let low = Text.number(r.lowerBound), high = Text.number(r.upperBound)
            return openLow ? "a number above \(low) and at most \(high)" : "a number from \(low) to \(high)"
        case .choice(let c): return "one of " + c.joined(separator: ", ")
        case .path(let ext): return "a file name ending in .\(ext)"
        case .folder: return "a folder"
        case .text: return "a name"
        }
    }
}
