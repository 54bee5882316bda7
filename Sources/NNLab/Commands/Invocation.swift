/// A command line checked against the table: which command, its bare words, its typed values.
/// The parser makes one from a line; `CommandWriter` turns one back into the line.
public struct Invocation: Sendable, Equatable {
    public var spec: CommandSpec
    public var words: [Token]
    public private(set) var values: [String: Value] = [:]
    /// The keys in the order they were given.
    public private(set) var order: [String] = []

    public enum Value: Equatable, Sendable {
        case integer(Int), real(Double), text(String)
        case list([Value])
    }

    public init(_ spec: CommandSpec, words: [Token] = []) {
        self.spec = spec
        self.words = words
    }

    /// Gives `key` a value; a key given again keeps its first place.
    public mutating func set(_ key: String, _ value: Value) {
        if values.updateValue(value, forKey: key) == nil { order.append(key) }
    }

    public func has(_ flag: String) -> Bool { words.contains { $0.text == flag } }
    public func integer(_ key: String) -> Int? { if case .integer(let v)? = values[key] { return v }; return nil }
    public func real(_ key: String) -> Double? {
        switch values[key] {
        case .real(let v)?: return v
        case .integer(let v)?: return Double(v)
        default: return nil
        }
    }
    public func text(_ key: String) -> String? { if case .text(let v)? = values[key] { return v }; return nil }
    /// The values of a list key (one value when written without commas), nil when absent.
    public func list(_ key: String) -> [Value]? { if case .list(let v)? = values[key] { return v }; return nil }

    /// The same command, words and values in the same order; where the words stood on the line does not matter.
    public static func == (l: Invocation, r: Invocation) -> Bool {
        l.spec.name == r.spec.name && l.words.map(\.text) == r.words.map(\.text) && l.values == r.values && l.order == r.order
    }
}

extension Invocation {
    /// Sets the fields of `root` that the given keys are bound to (`lr=0.01` → `learningRate`).
    public func apply<Root>(to root: inout Root) {
        for key in order {
            guard let field = spec.key(key)?.field, field.root == Root.self, let value = values[key] else { continue }
            field.apply(value, to: &root)
        }
    }

    /// Every field of `root` bound to a key of `spec`, set to the key's default in the table:
    /// the table is where defaults are written.
    public static func defaults<Root>(of spec: CommandSpec, into root: inout Root) {
        for key in spec.keys {
            guard let field = key.field, field.root == Root.self, let value = key.defaultValue else { continue }
            field.apply(value, to: &root)
        }
    }

    /// `spec` holding `settings`: the bound keys whose values differ from `was` first, then those that
    /// differ from the table's defaults, and any key in `always`, each in the table's order.
    public init<Root>(_ spec: CommandSpec, words: [String] = [], settings: Root, was: Root? = nil, always: Set<String> = []) {
        self.init(spec, words: words.map { Token(text: $0, column: 0) })
        let bound = spec.keys.compactMap { key in
            key.field.flatMap { $0.root == Root.self ? $0.value(of: settings).map { (key, $0) } : nil }
        }
        let changed = bound.filter { key, value in was.map { key.field!.value(of: $0) != value } ?? false }
        for (key, value) in changed { set(key.name, value) }
        for (key, value) in bound where always.contains(key.name) || value != key.defaultValue { set(key.name, value) }
    }
}
