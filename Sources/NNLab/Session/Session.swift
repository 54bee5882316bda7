import NNCore
import NNDiagnosis

/// The state of one nnlab session and the commands that change it.
/// `run` never prints: it returns outputs for the executable to show.
public final class Session {
    /// The current data set, as generated (later: loaded).
    public internal(set) var data: LabData? { didSet { lastReport = nil; lastCurve = nil } }
    /// Hidden layers of the chosen model; `[]` is `model linear`, nil is no model yet.
    public internal(set) var hidden: [LayerSpec]? { didSet { lastReport = nil } }
    /// The trained network with its optimizer state and history.
    public internal(set) var run: TrainingRun? { didSet { lastReport = nil } }
    public internal(set) var lastStop: StopReason? { didSet { lastReport = nil } }
    /// The diagnosis of the run as it stands, made once and read again by `diagnose`, `plot show=` and a
    /// lesson's `expect finding` (none of them trains again); any change to the data, model or run drops it.
    var lastReport: Report? { didSet { if lastReport == nil { lastVerified = nil } } }
    /// The same diagnosis with its fixes verified (`diagnose verify`, or a lesson's `expect verified`); dropped with it.
    var lastVerified: Report?
    /// The last learning curve finished on this data (`curve`, or the quick one `diagnose verify` runs) and the setup
    /// it trained: the error budget cites it while the run has those layers and settings; new data drops it.
    var lastCurve: (setup: Experiment, curve: LearningCurve)?
    /// A `train continue` changed more than the epochs (lr, optimizer, batch, l2, seed): one loop with the last
    /// settings, as an exported script runs, no longer retraces `run`. Not kept by `save`.
    var continuedWithOtherSettings = false

    /// Asked during long work (every mini-batch, slice of rows, analyzer): true stops it (Ctrl-C).
    public var shouldStop: () -> Bool = { false }
    /// Sees each epoch as it finishes (for a live progress line at a terminal).
    public var onEpoch: (_ record: EpochRecord, _ total: Int) -> Void = { _, _ in }
    /// Sees a line about long work as it goes, e.g. each finished setting of a sweep (shown at a terminal).
    public var onNote: (String) -> Void = { _ in }
    public var display = Display()
    /// Prose is wrapped to the display's width: at a terminal (the executable sets this), or when
    /// the learner chose a width with `set width=`; piped output and transcripts stay unwrapped.
    public var wrapsText = false
    /// Defaults the learner chose with `set`.
    public internal(set) var settings = Settings()
    /// Where relative file names point; nil is the working directory.
    public var directory: String?
    /// Set while a transcript is replayed or a lesson checked: file names stay inside `directory` (the
    /// scratch folder), and files are read only from below it and these folders (real paths).
    var readableFolders: [String]?
    /// Where `lesson` finds `*.lesson` files.
    public var lessonsDirectory: String?
    var lessonProgress: LessonProgress? { didSet { rememberLesson() } }
    /// Where the lesson in progress is remembered between sessions (the executable sets it).
    public var lessonMemory: String?
    /// The transcript being recorded (`record file=`) and how many commands it holds.
    var recording: (path: String, commands: Int)?
    /// While a transcript is replayed: the multiply-adds its commands may still train (`checkWork`).
    var replayAllowance: Double?

    public init() {}

    /// Runs one line. Blank lines and comments give nothing, except in a lesson, where
    /// Enter runs the offered command. While recording, the line and its output are kept.
    public func run(_ line: String) -> [Output] {
        // While recording, output is what replay will show: not wrapped to this terminal.
        let outputs = runLine(line)
        return recording == nil && wrapsText ? wrapped(outputs, always: true) : outputs
    }

    /// Outputs with their prose wrapped to the display's width, when `always` or `set width=` asks.
    func wrapped(_ outputs: [Output], always: Bool) -> [Output] {
        guard always || settings.columns != nil else { return outputs }
        let width = effectiveDisplay.columns
        return outputs.map { if case .text(let text) = $0 { return .text(Wrap.lines(text, width: width)) } else { return $0 } }
    }

    func runLine(_ line: String) -> [Output] {
        if let progress = lessonProgress, let step = runInLesson(line, progress) {
            return step.outputs + recordEntry(step.command, step.commandOutputs)
        }
        let outputs = wrapped(runCommand(line), always: false)
        // An aside during a lesson: remind the learner where the lesson stands.
        let reminder: [Output] = lessonProgress.map { p in
            Tokenizer.tokenize(line).first?.text == "lesson" ? []
                : [.text("(lesson \(p.lesson.name): Enter runs `\(p.lesson.steps[p.next].command)`)")]
        } ?? []
        return outputs + recordEntry(line, outputs) + reminder
    }

    /// What Tab offers after `lesson` and `explain`.
    public func names(for verb: String) -> [String] {
        switch verb {
        case "lesson": return ((try? lessons()) ?? []).map(\.name) + Self.lessonActions
        case "explain": return Explanations.all.map(\.id) + Glossary.terms.map(\.id)
        case "features": return ["reset"] + Self.termNames(data?.prepared.dataset.featureNames ?? ["x1", "x2"])
        default: return []
        }
    }

    func runCommand(_ line: String) -> [Output] {
        // One Ctrl-C stops the whole command (a whole replay, diagnose's analyzers and then verify's trainings):
        // once `shouldStop` has said true (a Ctrl-C is taken once), it keeps saying so until the command ends.
        let ask = shouldStop
        shouldStop = Self.latched(ask)
        defer { shouldStop = ask }
        do {
            guard let invocation = try Parser.parse(line) else { return [] }
            return try execute(invocation)
        } catch let error as CommandError {
            return [.error(error.pointing(into: line))]
        } catch is Interrupted {
            let verb = Tokenizer.tokenize(line).first?.text ?? ""
            return [.text("interrupted: \(verb) stopped before it finished; nothing changed")]
        } catch {
            return [.error("\(error)")]
        }
    }

    /// Thrown by a command that a Ctrl-C stopped before it had anything to show: one line says so.
    struct Interrupted: Error {}

    /// `ask`, until it first says true; true from then on.
    static func latched(_ ask: @escaping () -> Bool) -> () -> Bool {
        var stopped = false
        return { stopped = stopped || ask(); return stopped }
    }

    func execute(_ c: Invocation) throws -> [Output] {
        try c.spec.run(self, c)
    }

    /// Back to an empty session, as a transcript starts.
    func reset() {
        data = nil
        hidden = nil
        run = nil
        lastStop = nil
        lessonProgress = nil
    }

    /// What to type first when something is missing.
    func requireData() throws -> LabData {
        guard let data else { throw CommandError("no data yet: type `data circles` first") }
        return data
    }

    func requireRun() throws -> (LabData, TrainingRun) {
        let data = try requireData()
        guard hidden != nil else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`), then `train`") }
        guard let run else { throw CommandError("the model is not trained yet: type `train` first") }
        return (data, run)
    }
}
