/// Word wrap for prose at the terminal: long lines break at blanks, and the lines they continue
/// on hang under the text of their label (`  evidence: `, `  why: `, `  try: `) or under the last
/// column of a table row, so a 300-character evidence line reads as a paragraph.
enum Wrap {
    /// Every line of `text` wider than `width`, wrapped; lines of pictures (box drawing, Braille,
    /// colour) and of JSON are left whole.
    static func lines(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.count > width, !line.hasPrefix("{"), !line.unicodeScalars.contains(where: isPicture) else { return String(line) }
            // What stands before the hanging column (a label, a table row's first cells) keeps its spacing.
            let hang = hang(line, width: width)
            let head = line.prefix(hang)
            let body = wrap(String(line.dropFirst(hang)), width: width - hang)
            return ([head + body[0]] + body.dropFirst().map { String(repeating: " ", count: hang) + $0 }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Greedy wrap of text at blanks into lines of at most `width` characters; a word too long
    /// for a line gets a line of its own.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = "", empty = true
        for word in text.split(separator: " ") {
            if !empty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
                empty = true
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(current)
        return lines
    }

    /// Where continuation lines start: after a `label: ` (a finding's headline hangs by two), after
    /// the gap before a table row's last cell, else under the line's own indent. Never past half
    /// the width (three fifths for a table), so the text beside it keeps room.
    static func hang(_ line: Substring, width: Int) -> Int {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let colon = rest.firstIndex(of: ":"), rest[rest.index(after: colon)...].first == " " {
            let label = rest[..<colon]
            if label.contains("[") { return indent + 2 }
            if label.count <= 12, indent + label.count + 2 <= width / 2, label.allSatisfy({ $0.isLetter || $0 == "-" }) {
                return indent + label.count + 2
            }
        }
        // A table row: cells are set apart by two or more blanks.
        var blanks = 0, lastCell = indent
        for (i, c) in line.enumerated() {
            if c == " " {
                blanks += 1
            } else {
                if blanks >= 2 && i > indent + blanks { lastCell = i }
                blanks = 0
            }
        }
        return lastCell <= width * 3 / 5 ? lastCell : indent
    }

    private static func isPicture(_ s: Unicode.Scalar) -> Bool {
        (0x2500...0x259F).contains(s.value) || (0x2800...0x28FF).contains(s.value) || s.value == 0x1B
    }
}
