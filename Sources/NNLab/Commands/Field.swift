import NNCore

/// Where a key's value lives in the settings value its command builds (`lr=` is
/// `TrainConfig.learningRate`, `noise=` is `DataSpec.noise`): applying a command's keys and
/// writing settings back as a command both go through it, so a key is bound once, in the table.
public struct Field: @unchecked Sendable {
    /// The settings type the field belongs to.
    let root: Any.Type
    /// The value as the command writes it; nil when the setting is unset (no `label=`).
    let read: (Any) -> Invocation.Value?
    let write: (inout Any, Invocation.Value) -> Void

    static func bind<Root, T>(_ path: WritableKeyPath<Root, T>, read: @escaping (T) -> Invocation.Value?,
                              write: @escaping (Invocation.Value) -> T?) -> Field {
        Field(root: Root.self, read: { read(($0 as! Root)[keyPath: path]) }, write: { any, value in
            guard var root = any as? Root, let v = write(value) else { return }
            root[keyPath: path] = v
            any = root
        })
    }

    func value<Root>(of root: Root) -> Invocation.Value? { read(root) }

    func apply<Root>(_ value: Invocation.Value, to root: inout Root) {
        var any: Any = root
        write(&any, value)
        root = any as! Root
    }

    static func real<Root>(_ path: WritableKeyPath<Root, Double>) -> Field {
        bind(path, read: { .real($0) }, write: { if case .real(let v) = $0 { return v }; if case .integer(let v) = $0 { return Double(v) }; return nil })
    }

    static func integer<Root>(_ path: WritableKeyPath<Root, Int>) -> Field {
        bind(path, read: { .integer($0) }, write: { if case .integer(let v) = $0 { return v }; return nil })
    }

    static func seed<Root>(_ path: WritableKeyPath<Root, UInt32>) -> Field {
        bind(path, read: { .integer(Int($0)) }, write: { if case .integer(let v) = $0 { return UInt32(exactly: v) }; return nil })
    }

    /// `on` / `off`.
    static func onOff<Root>(_ path: WritableKeyPath<Root, Bool>) -> Field {
        bind(path, read: { .text($0 ? "on" : "off") }, write: { if case .text(let t) = $0 { return t == "on" }; return nil })
    }

    /// A choice of a string enum's raw values.
    static func choice<Root, E: RawRepresentable>(_ path: WritableKeyPath<Root, E>) -> Field where E.RawValue == String {
        bind(path, read: { .text($0.rawValue) }, write: { if case .text(let t) = $0 { return E(rawValue: t) }; return nil })
    }

    static func text<Root>(_ path: WritableKeyPath<Root, String>) -> Field {
        bind(path, read: { .text($0) }, write: { if case .text(let t) = $0 { return t }; return nil })
    }

    /// Text that may be unset (nil: the key is not written).
    static func optionalText<Root>(_ path: WritableKeyPath<Root, String?>) -> Field {
        bind(path, read: { $0.map { .text($0) } }, write: { if case .text(let t) = $0 { return .some(t) }; return nil })
    }

    /// `auto`, `on` or `off`, with nil for auto.
    static func autoOnOff<Root>(_ path: WritableKeyPath<Root, Bool?>) -> Field {
        bind(path, read: { .text($0.map { $0 ? "on" : "off" } ?? "auto") },
             write: { if case .text(let t) = $0 { return .some(t == "auto" ? nil : t == "on") }; return nil })
    }

    /// `auto` or a whole number, with nil for auto.
    static func autoInteger<Root>(_ path: WritableKeyPath<Root, Int?>) -> Field {
        bind(path, read: { $0.map { .integer($0) } ?? .text("auto") }, write: {
            switch $0 {
            case .integer(let v): return .some(v)
            case .text("auto"): return .some(nil)
            default: return nil
            }
        })
    }
}
