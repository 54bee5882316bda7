/// CSV as nnlab reads and writes it: one record per line (`\n`, `\r\n` or `\r`), fields split at
/// commas outside double quotes, `""` inside quotes one quote. Blank lines are skipped, and every
/// record keeps the number of its line in the file, so errors point at the right line.
/// Quoted line breaks are not supported (a quote left open at the end of a line is an error).
enum CSVFormat {
    struct Record {
        /// 1-based line in the file.
        var line: Int
        var fields: [String]
    }

    enum Failure: Error, Equatable {
        /// More than the limit of records (the header included), found before any field is parsed.
        case tooMany
        /// A quoted value open at the end of this line.
        case openQuote(line: Int)
    }

    /// The records of `text`, fields trimmed of blanks. A file with more than `limit` records is
    /// refused after counting lines, before anything is built from them.
    static func records(_ text: String, limit: Int) throws -> [Record] {
        var text = text
        return try text.withUTF8 { bytes in
            let lines = try self.lines(bytes, limit: limit)
            return try lines.map { try Record(line: $0.line, fields: fields(UnsafeBufferPointer(rebasing: bytes[$0.range]), line: $0.line)) }
        }
    }

    /// Byte ranges of the non-blank lines, stopping as soon as there are more than `limit`.
    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) throws -> [(line: Int, range: Range<Int>)] {
        var out: [(line: Int, range: Range<Int>)] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 // a byte order mark, as spreadsheets write
        var i = start, line = 1, blank = true
        while i <= bytes.count {
            let end = i == bytes.count
            let c = end ? 0 : bytes[i]
            if end || c == 0x0A || c == 0x0D {
                if !blank {
                    guard out.count < limit else { throw Failure.tooMany }
                    out.append((line, start..<i))
                }
                if !end && c == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                i += 1
                start = i
                blank = true
            } else {
                if c != 0x20 && c != 0x09 { blank = false }
                i += 1
            }
        }
        return out
    }

    private static func fields(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws -> [String] {
        if !bytes.contains(0x22) { return plainFields(bytes) }
        var fields: [String] = [], current: [UInt8] = [], quoted = false, i = 0
        func finish() {
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
            let first = current.firstIndex { !blank($0) } ?? current.count
            let last = current.lastIndex { !blank($0) } ?? first - 1
            fields.append(String(decoding: current[first..<max(first, last + 1)], as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                if quoted && i + 1 < bytes.count && bytes[i + 1] == 0x22 { current.append(c); i += 1 } else { quoted.toggle() }
            } else if c == 0x2C && !quoted {
                finish()
            } else {
                current.append(c)
            }
            i += 1
        }
        guard !quoted else { throw Failure.openQuote(line: line) }
        finish()
        return fields
    }

    /// A line without quotes, as `fields` reads it: each field straight from the file's bytes,
    /// trimmed of blanks (about four times faster than going through a buffer byte by byte).
    private static func plainFields(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var fields: [String] = [], start = 0
        fields.reserveCapacity(bytes.count / 8 + 1)
        func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x2C {
            var first = start, last = i
            while first < last && blank(bytes[first]) { first += 1 }
            while last > first && blank(bytes[last - 1]) { last -= 1 }
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self))
            start = i + 1
        }
        return fields
    }

    /// A field as written: quoted when it holds a comma or a quote, so that `records` reads back
    /// exactly this text (names and labels come trimmed and without control characters).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }
}
