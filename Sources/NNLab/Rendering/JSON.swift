/// A tiny JSON value with ordered keys, so every `format=json` line is the same on every run.
public indirect enum JSON: Equatable, Sendable {
    case number(Double), integer(Int), string(String), bool(Bool), null
    case array([JSON]), object([(String, JSON)])

    public static func == (l: JSON, r: JSON) -> Bool { l.rendered == r.rendered }

    /// One line, no spaces. Non-finite numbers become null: JSON has no NaN.
    public var rendered: String {
        switch self {
        case .number(let x): return x.isFinite ? Text.number(x) : "null"
        case .integer(let i): return String(i)
        case .string(let s): return JSON.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a): return "[" + a.map(\.rendered).joined(separator: ",") + "]"
        case .object(let o): return "{" + o.map { JSON.quote($0.0) + ":" + $0.1.rendered }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // Control characters (DEL and C1 too) and text-reordering marks as \u escapes: never raw on a terminal.
                if u.value < 0x20 || CommandError.hidden(u) {
                    out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension JSON {
    static func numbers(_ xs: [Double]) -> JSON { .array(xs.map { .number($0) }) }
    static func integers(_ xs: [Int]) -> JSON { .array(xs.map { .integer($0) }) }
}
