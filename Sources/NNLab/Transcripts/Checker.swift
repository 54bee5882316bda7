import Foundation

/// Replays lessons and transcripts: the test suite and `nnlab check`. One parser, three runners:
/// check (compare), update (rewrite on purpose), and the prompt's `replay`.
public enum Checker {
    public struct Result: Sendable {
        public var file: String
        public var passed: Bool
        /// What went wrong: a unified diff, or the broken expectations with their lines.
        public var report: String
        public var commands: Int
    }

    /// The report shows lines of the file: their control characters are written out, never sent to the terminal.
    /// Its commands run in a scratch folder and read files only from below the file's folder and `allowRead`.
    public static func check(file: String, update: Bool = false, allowRead: [String] = []) -> Result {
        var result = unescapedCheck(file: file, update: update, allowRead: allowRead)
        result.report = result.report.split(separator: "\n", omittingEmptySubsequences: false)
            .map { CommandError.escaped(String($0)) }.joined(separator: "\n")
        return result
    }

    static func unescapedCheck(file: String, update: Bool, allowRead: [String]) -> Result {
        do {
            let text = try Files.read(file)
            let own = URL(fileURLWithPath: file).deletingLastPathComponent().path
            let readable = try Session.realFolders([own] + allowRead) { URL(fileURLWithPath: $0).path }
            if file.hasSuffix(".lesson") {
                let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                return try checkLesson(Lesson(parsing: text, name: name, file: file), file: file, reading: readable)
            }
            guard file.hasSuffix(".transcript") else {
                return Result(file: file, passed: false, report: "\(file): not a .lesson or .transcript file", commands: 0)
            }
            return try checkTranscript(Transcript(parsing: text, file: file), file: file, update: update, reading: readable)
        } catch {
            return Result(file: file, passed: false, report: "\(error)", commands: 0)
        }
    }

    /// Runs each command in a fresh session (files go to a scratch folder) and compares outputs.
    static func checkTranscript(_ expected: Transcript, file: String, update: Bool, reading readable: [String]) throws -> Result {
        let actual = replay(expected, reading: readable)
        let diff = Diff.unified(expected.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                actual.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                from: file, to: "\(file) (replayed)")
        if update && !diff.isEmpty {
            try Files.write(actual.text, to: file)
            return Result(file: file, passed: true, report: "\(file): updated", commands: actual.entries.count)
        }
        return Result(file: file, passed: diff.isEmpty, report: diff, commands: actual.entries.count)
    }

    /// `readable`: the real paths of the folders its commands may read from, besides their scratch folder.
    public static func replay(_ transcript: Transcript, reading readable: [String] = []) -> Transcript {
        let session = Session.forReplay(reading: readable)
        defer { session.removeScratch() }
        var out = Transcript(header: transcript.header)
        for entry in transcript.entries {
            out.entries.append(.init(command: entry.command, output: Transcript.lines(session.run(entry.command)), line: entry.line))
        }
        return out
    }

    static func checkLesson(_ lesson: Lesson, file: String, reading readable: [String]) throws -> Result {
        let session = Session.forReplay(reading: readable)
        defer { session.removeScratch() }
        var failures: [String] = []
        for step in lesson.steps {
            let outputs = session.run(step.command)
            let failed = outputs.contains { if case .error = $0 { return true } else { return false } }
            if failed && !step.expectations.contains(.error) {
                failures.append("\(file):\(step.line): `\(step.command)` failed: \(Transcript.lines(outputs).joined(separator: " "))")
            }
            for e in step.expectations {
                if let broken = session.broken(e, failed: failed) {
                    failures.append("\(file):\(step.line): \(e): \(broken)")
                }
            }
        }
        return Result(file: file, passed: failures.isEmpty, report: failures.joined(separator: "\n"), commands: lesson.steps.count)
    }
}
