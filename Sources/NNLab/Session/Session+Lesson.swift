import Foundation
import NNCore

extension Session {
    /// A lesson being walked through at the prompt, and the step offered next.
    struct LessonProgress {
        var lesson: Lesson
        var next: Int
        /// Steps where the learner typed their own command instead of the lesson's, by step index.
        var variations: [Int: String] = [:]
    }

    /// The words `lesson` takes besides a lesson's name.
    static let lessonActions = ["list", "stop"]

    /// The lessons in `lessonsDirectory`, in teaching order: as listed in its `ORDER` file (one name
    /// a line, `#` comments), then any others by name.
    func lessons() throws -> [Lesson] {
        guard let dir = lessonsDirectory else { throw CommandError("no lessons folder found (set NNLAB_LESSONS to the lessons/ folder)") }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".lesson") }.sorted()
        let order = ((try? Files.read(dir + "/ORDER", named: "ORDER")) ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let rank = { (file: String) in order.firstIndex(of: String(file.dropLast(7))) ?? order.count }
        return try names.sorted { (rank($0), $0) < (rank($1), $1) }.map { name in
            let path = dir + "/" + name
            do {
                return try Lesson(parsing: try Files.read(path, named: name), name: String(name.dropLast(7)), file: name)
            } catch let e as FileError {
                throw CommandError(e.description)
            }
        }
    }

    /// `lesson` resumes the lesson in progress or lists them; `lesson list` lists; `lesson stop`
    /// leaves the one in progress; `lesson NAME` starts one.
    func lesson(_ name: String?) throws -> String {
        switch name {
        case nil:
            if lessonProgress == nil, let recalled = try recalledLesson() {
                lessonProgress = recalled
                return "resuming \(recalled.lesson.name): " + rebuild(recalled) + "\n" + offer(recalled)
            }
            if let progress = lessonProgress { return "resuming \(progress.lesson.name):\n" + offer(progress) }
            return try list()
        case "list"?:
            return try list()
        case "stop"?:
            guard let p = lessonProgress ?? (try? recalledLesson()) else { return "no lesson is in progress" }
            lessonProgress = nil
            return "left lesson \(p.lesson.name) at step \(p.next + 1) of \(p.lesson.steps.count); `lesson \(p.lesson.name)` starts it again"
        case let name?:
            let all = try lessons()
            guard let lesson = all.first(where: { $0.name == name }) else {
                throw CommandError("no lesson '\(name)'" + Suggest.phrase(name, all.map(\.name) + Self.lessonActions)
                                   + " (type lesson list for the list)")
            }
            let progress = LessonProgress(lesson: lesson, next: 0)
            lessonProgress = progress
            return "lesson \(lesson.name): \(lesson.title)\n" + offer(progress)
        }
    }

    /// The lessons in teaching order, numbered, with the finished ones and the one in progress marked.
    func list() throws -> String {
        let all = try lessons()
        let memory = recalledMemory()
        let current = lessonProgress?.lesson.name ?? memory.current?.lesson.name
        let rows = all.enumerated().flatMap { i, lesson -> [[String]] in
            let mark = lesson.name == current ? "in progress" : memory.done.contains(lesson.name) ? "done" : ""
            return [["  \(i + 1). \(lesson.name)", lesson.title, mark], ["", lesson.summary, ""]]
        }
        return "lessons, in teaching order (lesson NAME starts one, lesson stop leaves one):\n"
            + TextTable.render(rows, numeric: false)
    }

    /// A lesson resumed in a new session: its earlier commands run again, quietly, so that the
    /// session has the data, model and training the next step needs.
    func rebuild(_ p: LessonProgress) -> String {
        guard p.next > 0 else { return "from the start" }
        let failed = p.lesson.steps.prefix(p.next).filter { step in
            confined { runCommand(step.command) }.contains { if case .error = $0 { return true } else { return false } }
        }
        let ran = "ran its first \(p.next) \(p.next == 1 ? "command" : "commands") again to rebuild the session"
        return failed.isEmpty ? ran : ran + " (\(failed.count) failed: `lesson \(p.lesson.name)` starts afresh)"
    }

    /// Writes the lesson in progress (`NAME STEP`) and the finished ones (`done NAME`) to `lessonMemory`.
    func rememberLesson(finished: String? = nil) {
        guard let lessonMemory else { return }
        var done = recalledMemory().done
        if let finished { done.insert(finished) }
        let current = lessonProgress.map { ["\($0.lesson.name) \($0.next)"] } ?? []
        let lines = current + done.sorted().map { "done \($0)" }
        if lines.isEmpty {
            try? FileManager.default.removeItem(atPath: lessonMemory)
        } else {
            try? Files.write(lines.joined(separator: "\n") + "\n", to: lessonMemory)
        }
    }

    /// What `lessonMemory` holds, read as untrusted text: only names of lessons that exist and steps
    /// they have count; anything else is ignored.
    func recalledMemory() -> (current: LessonProgress?, done: Set<String>) {
        guard let lessonMemory, let text = try? Files.read(lessonMemory), let all = try? lessons() else { return (nil, []) }
        var current: LessonProgress?, done = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 2, let lesson = all.first(where: { $0.name == parts[parts[0] == "done" ? 1 : 0] }) else { continue }
            if parts[0] == "done" {
                done.insert(lesson.name)
            } else if let step = Int(parts[1]), lesson.steps.indices.contains(step) {
                current = LessonProgress(lesson: lesson, next: step)
            }
        }
        return (current, done)
    }

    /// The lesson a previous session stopped in, if its file still has that step.
    func recalledLesson() throws -> LessonProgress? { recalledMemory().current }

    /// The narration before the next step and the command offered.
    func offer(_ p: LessonProgress) -> String {
        let step = p.lesson.steps[p.next]
        return (step.narration.map { "  " + $0 } + ["next: \(step.command)   (Enter runs it, or type your own)"]).joined(separator: "\n")
    }

    /// Runs a line while a lesson is in progress: Enter takes the offered command; a command with
    /// the same verb is the learner's variation of it; anything else is an aside.
    ///
    /// Narration after a step describes the result the lesson expects, so it is shown only when the
    /// step's expectations held. When they broke after a variation, the lesson goes back to the step
    /// the learner varied and offers its own command there; when the lesson's own command broke them,
    /// it goes on without the words that assumed the result.
    func runInLesson(_ line: String, _ progress: LessonProgress) -> (command: String, commandOutputs: [Output], outputs: [Output])? {
        let step = progress.lesson.steps[progress.next]
        let enter = line.allSatisfy(\.isWhitespace)
        let typed = Tokenizer.tokenize(line).first?.text
        guard enter || (typed != nil && typed == Tokenizer.tokenize(step.command).first?.text && typed != "lesson") else { return nil }
        let command = enter ? step.command : line
        // Typed as the lesson writes it (spacing, quotes, number forms aside), it is the lesson's own command.
        let own = enter || (try? Parser.parse(line)) == (try? Parser.parse(step.command))
        // The lesson's own command comes from a shared file: like a replayed transcript's, its files stay
        // below this folder (no absolute path, no `..` for writes) and are read from here or the lessons folder.
        let commandOutputs = enter ? confined { runCommand(command) } : runCommand(command)
        var outputs = (enter ? [.text(Transcript.prompt + command)] : []) + commandOutputs
        let failed = commandOutputs.contains { if case .error = $0 { return true } else { return false } }
        let broken = step.expectations.compactMap { e in self.broken(e, failed: failed).map { "\(e.description.dropFirst(7)): \($0)" } }
        var next = progress
        next.variations[progress.next] = own ? nil : command
        if !broken.isEmpty {
            let whose = own ? "this step" : "your variation"
            outputs.append(.text("lesson: \(whose) breaks what the lesson expects:\n" + broken.map { "  " + $0 }.joined(separator: "\n")))
            if let varied = next.variations.keys.max() {
                let theirs = progress.lesson.steps[varied].command
                next.next = varied
                next.variations = next.variations.filter { $0.key < varied }
                lessonProgress = next
                outputs.append(.text("""
                    The lesson's next words assume its own `\(theirs)` where you typed `\(progress.variations[varied] ?? command)`, \
                    so it goes back to that step.
                    next: \(theirs)   (Enter runs it, or type your own)
                    """))
                return (command, commandOutputs, outputs)
            }
        }
        next.next += 1
        let skipped = broken.isEmpty ? [] : ["  (the lesson's words here assume the result it expected, so they are left out)"]
        if next.next < next.lesson.steps.count {
            lessonProgress = next
            outputs.append(.text(broken.isEmpty ? offer(next)
                                 : (skipped + ["next: \(next.lesson.steps[next.next].command)   (Enter runs it, or type your own)"]).joined(separator: "\n")))
        } else {
            lessonProgress = nil
            rememberLesson(finished: progress.lesson.name)
            outputs.append(.text(((broken.isEmpty ? progress.lesson.closing.map { "  " + $0 } : skipped)
                                  + ["lesson \(progress.lesson.name) done. Type lesson list for the others."]).joined(separator: "\n")))
        }
        return (command, commandOutputs, outputs)
    }

    /// The share of the rarest class's training points (the first of the rarest) the current model finds.
    var rareRecall: Double? {
        guard let data, let run else { return nil }
        let t = data.prepared.training, counts = data.prepared.dataset.counts(of: data.prepared.split.train)
        guard let rare = counts.indices.filter({ counts[$0] > 0 }).min(by: { counts[$0] < counts[$1] }) else { return nil }
        return Evaluation(network: run.network, x: t.xTrain, y: t.yTrain).recall[rare]
    }

    /// nil when the expectation holds, else what was found instead.
    func broken(_ e: Expectation, failed: Bool) -> String? {
        switch e {
        case .error: return failed ? nil : "the command succeeded"
        case .metric(let metric, let comparison, let value):
            guard let last = run?.history.last else { return "nothing is trained yet" }
            let actual: Double
            switch metric {
            case .test: actual = last.testAccuracy
            case .train: actual = last.trainAccuracy
            case .loss: actual = last.trainLoss
            case .test_loss: actual = last.testLoss
            case .rare_recall: actual = rareRecall ?? 0
            }
            let isAccuracy = metric == .test || metric == .train || metric == .rare_recall
            return e.holds(actual, comparison, value) ? nil : "\(metric.rawValue) is \(isAccuracy ? Text.percent(actual) : Text.value(actual))"
        case .finding(let id, let present):
            guard let ids = try? diagnosis().findings.map(\.id) else { return "nothing to diagnose yet" }
            if ids.contains(id) == present { return nil }
            return present ? "diagnose did not find \(id)" : "diagnose found \(id)"
        case .verified(let id):
            guard let report = try? verifiedDiagnosis() else { return "nothing to diagnose yet" }
            guard let finding = report.findings.first(where: { $0.id == id }) else { return "diagnose did not find \(id)" }
            let verdicts = finding.verifications.map(\.verdict.rawValue)
            return verdicts.contains("verified") ? nil
                : "diagnose verify verified none of \(id)'s fixes" + (verdicts.isEmpty ? "" : " (\(verdicts.joined(separator: ", ")))")
        }
    }

    /// Runs `body` with file commands confined as in a replay, to the working folder (or the session's)
    /// and the lessons folder.
    func confined<T>(_ body: () -> T) -> T {
        guard readableFolders == nil else { return body() }
        let outer = (directory, readableFolders)
        let here = Session.realPath(directory ?? FileManager.default.currentDirectoryPath) ?? FileManager.default.currentDirectoryPath
        (directory, readableFolders) = (here, [lessonsDirectory.flatMap(Session.realPath)].compactMap { $0 })
        defer { (directory, readableFolders) = outer }
        return body()
    }
}
