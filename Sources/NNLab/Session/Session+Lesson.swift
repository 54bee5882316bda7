import Foundation

extension Session {
    /// A lesson being walked through at the prompt, and the step offered next.
    struct LessonProgress {
        var lesson: Lesson
        var next: Int
    }

    /// The lessons in `lessonsDirectory`, by name.
    func lessons() throws -> [Lesson] {
        guard let dir = lessonsDirectory else { throw CommandError("no lessons folder found (set NNLAB_LESSONS to the lessons/ folder)") }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".lesson") }.sorted()
        return try names.map { name in
            let path = dir + "/" + name
            do {
                return try Lesson(parsing: try Files.read(path, named: name), name: String(name.dropLast(7)), file: name)
            } catch let e as FileError {
                throw CommandError(e.description)
            }
        }
    }

    /// `lesson` lists the lessons (or resumes the one in progress); `lesson NAME` starts one.
    func lesson(_ name: String?) throws -> String {
        guard let name else {
            if lessonProgress == nil { lessonProgress = try recalledLesson() }
            if let progress = lessonProgress { return "resuming \(progress.lesson.name):\n" + offer(progress) }
            let all = try lessons()
            return "lessons (type lesson NAME to start one):\n"
                + TextTable.render(all.flatMap { [["  " + $0.name, $0.title], ["", $0.summary]] }, numeric: false)
        }
        let all = try lessons()
        guard let lesson = all.first(where: { $0.name == name }) else {
            throw CommandError("no lesson '\(name)'" + Suggest.phrase(name, all.map(\.name)) + " (type lesson for the list)")
        }
        let progress = LessonProgress(lesson: lesson, next: 0)
        lessonProgress = progress
        return "lesson \(lesson.name): \(lesson.title)\n" + offer(progress)
    }

    /// Writes `NAME STEP` to `lessonMemory` (or removes it when no lesson is in progress).
    func rememberLesson() {
        guard let lessonMemory else { return }
        if let p = lessonProgress {
            try? Files.write("\(p.lesson.name) \(p.next)\n", to: lessonMemory)
        } else {
            try? FileManager.default.removeItem(atPath: lessonMemory)
        }
    }

    /// The lesson a previous session stopped in, if its file still has that step.
    func recalledLesson() throws -> LessonProgress? {
        guard let lessonMemory, let text = try? Files.read(lessonMemory) else { return nil }
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let step = Int(parts[1]),
              let lesson = try lessons().first(where: { $0.name == parts[0] }), lesson.steps.indices.contains(step) else { return nil }
        return LessonProgress(lesson: lesson, next: step)
    }

    /// The narration before the next step and the command offered.
    func offer(_ p: LessonProgress) -> String {
        let step = p.lesson.steps[p.next]
        return (step.narration.map { "  " + $0 } + ["next: \(step.command)   (Enter runs it, or type your own)"]).joined(separator: "\n")
    }

    /// Runs a line while a lesson is in progress: Enter takes the offered command; a command with
    /// the same verb is the learner's variation of it; anything else is an aside.
    func runInLesson(_ line: String, _ progress: LessonProgress) -> (command: String, commandOutputs: [Output], outputs: [Output])? {
        let step = progress.lesson.steps[progress.next]
        let enter = line.allSatisfy(\.isWhitespace)
        let typed = Tokenizer.tokenize(line).first?.text
        guard enter || (typed != nil && typed == Tokenizer.tokenize(step.command).first?.text && typed != "lesson") else { return nil }
        let command = enter ? step.command : line
        let commandOutputs = runCommand(command)
        var outputs = (enter ? [.text(Transcript.prompt + command)] : []) + commandOutputs
        let failed = commandOutputs.contains { if case .error = $0 { return true } else { return false } }
        let broken = step.expectations.compactMap { e in self.broken(e, failed: failed).map { "\(e.description.dropFirst(7)): \($0)" } }
        if !broken.isEmpty {
            let whose = command == step.command ? "this step" : "your variation"
            outputs.append(.text("lesson: \(whose) breaks what the lesson expects:\n" + broken.map { "  " + $0 }.joined(separator: "\n")))
        }
        var next = progress
        next.next += 1
        if next.next < next.lesson.steps.count {
            lessonProgress = next
            outputs.append(.text(offer(next)))
        } else {
            lessonProgress = nil
            outputs.append(.text((progress.lesson.closing.map { "  " + $0 } + ["lesson \(progress.lesson.name) done. Type lesson for the others."])
                .joined(separator: "\n")))
        }
        return (command, commandOutputs, outputs)
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
            }
            let isAccuracy = metric == .test || metric == .train
            return e.holds(actual, comparison, value) ? nil : "\(metric.rawValue) is \(isAccuracy ? Text.percent(actual) : Text.value(actual))"
        case .finding(let id, let present):
            guard let ids = try? diagnosis().findings.map(\.id) else { return "nothing to diagnose yet" }
            if ids.contains(id) == present { return nil }
            return present ? "diagnose did not find \(id)" : "diagnose found \(id)"
        }
    }
}
