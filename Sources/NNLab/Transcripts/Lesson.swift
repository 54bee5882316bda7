/// A lesson: narration (`#`), commands (`nnlab> `) and expectations (`expect ...`) that check
/// facts rather than wording. The first `#` line is the title, the second the one-line summary.
public struct Lesson: Equatable, Sendable {
    public struct Step: Equatable, Sendable {
        /// Narration shown before the command.
        public var narration: [String]
        public var command: String
        public var line: Int
        /// Checked after the command runs.
        public var expectations: [Expectation]
    }

    public var name: String
    public var title: String
    public var summary: String
    public var steps: [Step]
    /// Narration after the last command.
    public var closing: [String]

    public init(parsing text: String, name: String, file: String) throws {
        self.name = name
        var steps: [Step] = [], narration: [String] = [], intro: [String] = []
        for (i, raw) in text.fileLines.enumerated() {
            let line = raw.trimmingTrailingSpaces()
            if line.isEmpty { continue }
            // Lessons are shared: what they print reaches the terminal, so it must be plain text.
            if let hidden = line.unicodeScalars.first(where: CommandError.hidden) {
                throw FileError(file: file, line: i + 1, message: "a control character (\(CommandError.escaped(String(hidden)))) in the lesson")
            }
            if line.hasPrefix("#") {
                let words = String(line.dropFirst().drop { $0 == " " })
                if steps.isEmpty && intro.count < 2 && narration.isEmpty { intro.append(words) } else { narration.append(words) }
            } else if line.hasPrefix(Transcript.prompt) {
                // Offered (`next:`) and run as the one writer writes it, so a lesson's command must parse.
                let invocation: Invocation?
                do {
                    invocation = try Parser.parse(String(line.dropFirst(Transcript.prompt.count)))
                } catch let error as CommandError {
                    throw FileError(file: file, line: i + 1, message: error.message)
                }
                guard let invocation else { throw FileError(file: file, line: i + 1, message: "empty command") }
                steps.append(Step(narration: narration, command: CommandWriter.line(invocation), line: i + 1, expectations: []))
                narration = []
            } else if line.hasPrefix("expect ") {
                guard !steps.isEmpty, narration.isEmpty else {
                    throw FileError(file: file, line: i + 1, message: "an expectation must follow the command it checks")
                }
                do {
                    steps[steps.count - 1].expectations.append(try Expectation(parsing: String(line.dropFirst(7))))
                } catch let error as CommandError {
                    throw FileError(file: file, line: i + 1, message: error.message)
                }
            } else {
                throw FileError(file: file, line: i + 1, message: "expected `# narration`, `nnlab> command` or `expect ...`, got '\(line.prefix(40))'")
            }
        }
        guard intro.count == 2 else { throw FileError(file: file, line: 1, message: "a lesson starts with a `# title` line and a `# summary` line") }
        guard !steps.isEmpty else { throw FileError(file: file, line: 1, message: "a lesson needs at least one `nnlab> ` command") }
        self.title = intro[0]
        self.summary = intro[1]
        self.steps = steps
        self.closing = narration
    }
}
