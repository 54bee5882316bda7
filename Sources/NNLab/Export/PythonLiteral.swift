/// Python source text for values: numbers, strings and lists, wrapped to a readable width.
/// Anything read from a file (a file name, column and class names) reaches a script only through
/// `string`, so it is data there, never code and never the end of a comment.
enum PythonLiteral {
    /// A single-quoted Python string that reads back as `text`: quotes and backslashes escaped, and every
    /// control character, line or paragraph separator and invisible reordering mark as a `\x`, `\u` or `\U` escape.
    static func string(_ text: String) -> String {
        var out = "'"
        for u in text.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where unsafe(u): out += escape(u)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "'"
    }

    /// `['a', 'b']`.
    static func list(_ texts: [String]) -> String { "[" + texts.map(string).joined(separator: ", ") + "]" }

    /// A line with every character that could end it or hide part of it written as an escape: the last
    /// guard on each line of a script (for lines nnlab built from literals it changes nothing).
    static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: unsafe) else { return text }
        var out = ""
        for u in text.unicodeScalars { if unsafe(u) { out += escape(u) } else { out.unicodeScalars.append(u) } }
        return out
    }

    /// Control characters (Python ends a line, and with it a comment, at \n and \r), line and paragraph
    /// separators, and the marks that reorder text on screen.
    static func unsafe(_ u: Unicode.Scalar) -> Bool {
        CommandError.hidden(u) || [.lineSeparator, .paragraphSeparator, .format].contains(u.properties.generalCategory)
    }

    static func escape(_ u: Unicode.Scalar) -> String {
        let (prefix, digits) = u.value < 0x100 ? ("\\x", 2) : u.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
        let hex = String(u.value, radix: 16)
        return prefix + String(repeating: "0", count: digits - hex.count) + hex
    }

    /// `name = np.array([` items, four spaces in, wrapped at `width` columns, `])`.
    static func array(_ name: String, _ items: [String], width: Int = 100) -> [String] {
        ["\(name) = np.array(["] + wrapped(items.map { $0 + "," }, indent: "    ", separator: " ", width: width) + ["])"]
    }

    /// Items joined by `separator` into lines no longer than `width` (an item longer than that gets a line of its own).
    static func wrapped(_ items: [String], indent: String, separator: String, width: Int = 100) -> [String] {
        var lines: [String] = [], line = ""
        for item in items {
            if !line.isEmpty && indent.count + line.count + separator.count + item.count > width {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : separator) + item
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines
    }
}
