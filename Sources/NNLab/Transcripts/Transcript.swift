/// A recorded session: each `nnlab> command` line followed by its exact output.
/// `#` lines before the first command are a header and are kept as they are.
public struct Transcript: Equatable, Sendable {
    public static let prompt = "nnlab> "

    public struct Entry: Equatable, Sendable {
        public var command: String
        public var output: [String]
        /// 1-based line of the command in the file.
        public var line: Int
    }

    public var header: [String]
    public var entries: [Entry]

    public init(header: [String] = [], entries: [Entry] = []) {
        self.header = header
        self.entries = entries
    }

    public init(parsing text: String, file: String) throws {
        var header: [String] = [], entries: [Entry] = []
        let lines = text.fileLines
        for (i, line) in (lines.last == "" ? lines.dropLast() : lines[...]).enumerated() {
            if line.hasPrefix(Transcript.prompt) {
                entries.append(Entry(command: String(line.dropFirst(Transcript.prompt.count)), output: [], line: i + 1))
            } else if entries.isEmpty {
                guard line.hasPrefix("#") || line.isEmpty else {
                    throw FileError(file: file, line: i + 1, message: "expected `# comment` or `nnlab> command` before the first output")
                }
                header.append(line)
            } else {
                entries[entries.count - 1].output.append(Self.unescaped(line))
            }
        }
        guard !entries.isEmpty else { throw FileError(file: file, line: max(1, lines.count), message: "no `nnlab> ` command in the file") }
        self.header = header
        self.entries = entries
    }

    public var text: String {
        (header + entries.flatMap { [Transcript.prompt + $0.command] + $0.output.map(Self.escaped) }).map { $0 + "\n" }.joined()
    }

    /// An output line that would read as a command (the echoed lines of a recorded `replay`, or a name
    /// that printed one) is written with a `\` in front, as is one that starts with `\`; reading drops it.
    static func escaped(_ output: String) -> String {
        output.hasPrefix(prompt) || output.hasPrefix("\\") ? "\\" + output : output
    }

    static func unescaped(_ line: String) -> String {
        line.hasPrefix("\\") ? String(line.dropFirst()) : line
    }

    /// The lines a transcript holds for the outputs of one command.
    public static func lines(_ outputs: [Output]) -> [String] {
        outputs.flatMap { output -> [String] in
            switch output {
            case .text(let t): return t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // An error's first line is the message; a pointer at the word may follow it.
            case .error(let e): return e.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { $0 == 0 ? "error: " + $1 : String($1) }
            case .quit: return []
            }
        }
    }
}

/// A problem in a lesson or transcript file, named by file and line.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}
