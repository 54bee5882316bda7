/// A minimal XML writer for SVG: escaped attributes and text, one element per line, nesting indented.
struct SVGWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An element with optional text content; `tooltip` becomes a `<title>` child, which viewers show on hover.
    mutating func element(_ name: String, _ attributes: Attributes, text: String? = nil, tooltip: String? = nil) {
        let head = "<\(name)\(Self.attributes(attributes))"
        switch (text, tooltip) {
        case (nil, nil): line(head + "/>")
        case (let text?, _): line(head + ">" + Self.escape(text) + "</\(name)>")
        case (nil, let tooltip?): line(head + "><title>" + Self.escape(tooltip) + "</title></\(name)>")
        }
    }

    mutating func raw(_ s: String) { line(s) }

    private mutating func line(_ s: String) {
        text += String(repeating: "  ", count: depth) + s + "\n"
    }

    private static func attributes(_ attributes: Attributes) -> String {
        attributes.pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Markup characters as entities; control characters and the code points XML forbids (which no
    /// entity can carry) written out as `\u{1B}`, so any title or name gives well-formed XML.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where u.properties.generalCategory == .control || u.value == 0xFFFE || u.value == 0xFFFF:
                out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Coordinates to two decimals: plenty for a screen, and the same text every run.
    static func number(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 2) }
}

/// Attributes in the order written (a dictionary would shuffle them), built from a literal and extended.
struct Attributes: ExpressibleByDictionaryLiteral {
    var pairs: [(String, String)]

    init(dictionaryLiteral elements: (String, String)...) { pairs = elements }

    mutating func append(_ name: String, _ value: String) { pairs.append((name, value)) }
}
