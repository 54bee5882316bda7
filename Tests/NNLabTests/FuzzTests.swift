import Foundation
import XCTest
@testable import NNLab

/// Thousands of random, hostile and mutated command lines through in-process sessions.
/// Whatever is typed: no crash, no hang, no NaN or infinity shown as a result, every error one
/// printable line, JSON that parses, and a valid command still works afterwards.
///
/// Seeded and deterministic: NNLAB_FUZZ_SEED and NNLAB_FUZZ_LINES change the run,
/// NNLAB_FUZZ_VERBOSE=1 prints each line before it runs (to find the one that crashed).
final class FuzzTests: XCTestCase {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["NNLAB_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_125
    static let lines = environment["NNLAB_FUZZ_LINES"].flatMap { Int($0) } ?? 5000
    static let verbose = environment["NNLAB_FUZZ_VERBOSE"] != nil
    static let linesPerEpisode = 40
    /// Each line's work is cut off after this long (train, sweep and verify stop as at Ctrl-C),
    /// so the run stays short; a line taking far longer than this is a hang.
    static let timeBox = 0.5
    static let hang = 60.0

    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons").path

    struct Problem: CustomStringConvertible {
        var episode: Int, line: String, what: String
        var description: String { "episode \(episode): \(what)\n    line: \(line.debugDescription.prefix(300))" }
    }

    func testThousandsOfHostileLinesNeverCostTheSession() throws {
        var random = FuzzRandom(seed: Self.seed)
        var problems: [Problem] = [], notes: [String: Int] = [:]
        var ran = 0, errors = 0, slowest = (seconds: 0.0, line: "")
        var tally: [String: (ok: Int, failed: Int)] = [:]
        let started = Date()
        var episode = 0
        while ran < Self.lines {
            episode += 1
            let session = Session.forReplay()
            defer { session.removeScratch() }
            session.lessonsDirectory = Self.lessons
            var deadline = Date.distantFuture
            session.shouldStop = { Date() > deadline }
            let dir = session.directory!
            try Self.writeFiles(in: dir)
            var generator = LineGenerator(random: FuzzRandom(seed: random.next()))

            var script: [String] = []
            if random.chance(0.8) { script += generator.setup() }
            for _ in 0..<Self.linesPerEpisode { script.append(generator.line()) }

            for raw in script {
                let line = LineGenerator.confined(raw)
                if Self.verbose { print("fuzz[\(episode)]: \(line.debugDescription)") }
                deadline = Date().addingTimeInterval(Self.timeBox)
                let t0 = Date()
                let outputs = session.run(line)
                let seconds = Date().timeIntervalSince(t0)
                ran += 1
                if seconds > slowest.seconds { slowest = (seconds, line) }
                if seconds > Self.hang { problems.append(Problem(episode: episode, line: line, what: "took \(Int(seconds)) s")) }
                for what in Self.check(outputs, for: line, notes: &notes) {
                    problems.append(Problem(episode: episode, line: line, what: what))
                }
                let failed = outputs.contains { if case .error = $0 { return true } else { return false } }
                if failed { errors += 1 }
                let verb = Tokenizer.tokenize(line).first.map { CommandTable.verbs.contains($0.text) ? $0.text : "(other)" } ?? "(blank)"
                tally[verb, default: (0, 0)].ok += failed ? 0 : 1
                tally[verb, default: (0, 0)].failed += failed ? 1 : 0
            }
            // Whatever happened, the session still does what it is told.
            deadline = .distantFuture
            for what in Self.stillWorks(session) {
                problems.append(Problem(episode: episode, line: "(the check after the episode)", what: what))
            }
        }
        let seconds = Date().timeIntervalSince(started)
        print("fuzz: \(ran) lines in \(episode) sessions, \(String(format: "%.1f", seconds)) s, \(errors) failed (seed \(Self.seed)); "
              + "slowest \(String(format: "%.2f", slowest.seconds)) s: \(slowest.line.debugDescription.prefix(120))")
        print("fuzz: by verb, ran well / failed: " + tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.ok)/\($0.value.failed)" }.joined(separator: ", "))
        for (note, count) in notes.sorted(by: { $0.key < $1.key }) { print("fuzz note (\(count)×): \(note)") }
        XCTAssertTrue(problems.isEmpty, "\(problems.count) problems:\n" + problems.prefix(30).map(\.description).joined(separator: "\n"))
    }

    /// Ctrl-C is `shouldStop` answering true: sweep and verify stop at the very next epoch and the
    /// session's own model keeps its training and history.
    func testStoppingSweepAndVerifyTakesEffectAtTheNextEpoch() {
        let s = Session()
        for line in ["data circles", "model linear", "train epochs=50"] { _ = s.run(line) }
        var asked = 0
        s.shouldStop = { asked += 1; return asked > 100 }
        let sweep = s.run("sweep lr=0.001,0.01,0.1 epochs=200 seeds=2")
        guard case .text(let table)? = sweep.first else { return XCTFail("\(sweep)") }
        XCTAssertEqual(table, "interrupted before any setting finished a seed: nothing to compare (3 settings not run)")
        XCTAssertEqual(asked, 101, "no epoch ran after the stop")
        asked = 0
        let verify = s.run("diagnose verify")
        guard case .text(let report)? = verify.first else { return XCTFail("\(verify)") }
        XCTAssertTrue(report.contains("problem[linear-inseparable]"), report)
        XCTAssertFalse(report.contains("(verified:"), report)
        XCTAssertTrue(report.hasSuffix("interrupted: the report is incomplete (0 fixes verified)"), report)
        XCTAssertEqual(asked, 101, "no epoch ran after the stop")
        XCTAssertEqual(s.run?.history.records.count, 50, "the session's model is untouched")
        XCTAssertEqual(s.lastStop, .finished)
    }

    /// A Ctrl-C in the middle of a sweep keeps every finished setting (issue 18: it said "0 settings × 5 seeds"),
    /// and each finished setting was announced as it finished.
    func testAnInterruptedSweepKeepsWhatFinished() {
        let s = Session()
        for line in ["data circles", "model dense16 relu"] { _ = s.run(line) }
        var notes: [String] = []
        s.shouldStop = { notes.count >= 2 }  // Ctrl-C as the second setting is announced
        s.onNote = { notes.append($0) }
        guard case .text(let table)? = s.run("sweep lr=0.01,0.1,1,3 epochs=10 seeds=2").first else { return XCTFail() }
        XCTAssertTrue(table.hasPrefix("2 settings × 2 seeds"), table)
        XCTAssertEqual(table.split(separator: "\n").filter { $0.hasPrefix("0.01 ") || $0.hasPrefix("0.1 ") }.count, 2, table)
        XCTAssertTrue(table.hasSuffix("interrupted: kept what finished; 2 settings not run"), table)
        XCTAssertEqual(notes.count, 2, "\(notes)")
        XCTAssertTrue(notes[0].hasPrefix("setting 1/4 (lr=0.01 epochs=10): test median"), "\(notes)")
    }

    /// One setting or seed is said in the singular ("1 settings not run" before).
    func testOneSettingIsSaidInTheSingular() {
        let s = Session()
        for line in ["data circles", "model linear"] { _ = s.run(line) }
        s.shouldStop = { true }
        XCTAssertEqual(s.run("sweep lr=0.01 epochs=10 seeds=1"),
                       [.text("interrupted before any setting finished a seed: nothing to compare (1 setting not run)")])
        s.shouldStop = { false }
        guard case .text(let table)? = s.run("sweep lr=0.01 epochs=5 seeds=1").first else { return XCTFail() }
        XCTAssertTrue(table.hasPrefix("1 setting × 1 seed of "), table)
    }

    /// What must hold for the outputs of any line.
    static func check(_ outputs: [Output], for line: String, notes: inout [String: Int]) -> [String] {
        var found: [String] = []
        let echoesNonFinite = nonFinite(in: line) != nil
        let lineHasControls = line.unicodeScalars.contains { $0.properties.generalCategory == .control }
        for output in outputs {
            switch output {
            case .error(let e):
                if e.isEmpty { found.append("an empty error") }
                // One line of message, then at most the line it is about (the typed one, or one a replay ran)
                // and a caret under a word of it.
                let parts = e.split(separator: "\n", omittingEmptySubsequences: false)
                // Scalar by scalar: a line that starts with a combining mark joins the indent's blank into one Character.
                let indent = "  ".unicodeScalars
                let pointer = parts.count == 3 && parts[1].unicodeScalars.starts(with: indent)
                    && (parts[1] == "  " + CommandError.printable(line) || line.hasPrefix("replay"))
                    && parts[2].unicodeScalars.starts(with: indent) && parts[2].unicodeScalars.last == "^"
                    && parts[2].unicodeScalars.dropLast().allSatisfy { $0 == " " }
                if (parts.count != 1 && !pointer) || e.contains("\r") { found.append("an error of several lines: \(e.debugDescription.prefix(200))") }
                if parts.contains(where: { $0.unicodeScalars.contains(where: isUnsafe) }) { found.append("raw control characters in an error: \(e.debugDescription.prefix(200))") }
                if e.count > 1000 { found.append("an error of \(e.count) characters: \(e.prefix(300))") }
            case .text(let t):
                let plain = t.replacingOccurrences(of: #"\x{1B}\[[0-9;]*m"#, with: "", options: .regularExpression)
                if plain.unicodeScalars.contains(where: { $0 != "\n" && isUnsafe($0) }) {
                    if lineHasControls { notes["a control character typed in the line is echoed raw in its (non-error) output", default: 0] += 1 }
                    else { found.append("raw control characters in the output: \(plain.debugDescription.prefix(200))") }
                }
                // `explain diverged` tells what a non-finite loss is: "(nan or inf)" is prose there.
                // Replay echoes recorded commands (`nnlab> ...`), which may hold anything that was typed.
                let shown = plain.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(Transcript.prompt) }
                    .joined(separator: "\n").replacingOccurrences(of: #"nan\s+or\s+inf"#, with: "", options: .regularExpression)
                if !echoesNonFinite, let bad = nonFinite(in: shown) {
                    found.append("'\(bad)' printed as a number: …\(context(of: bad, in: plain))…")
                }
                if t.hasPrefix("{") && line.contains("format=json") {
                    if t.contains("\n") { found.append("JSON output of several lines") }
                    if (try? JSONSerialization.jsonObject(with: Data(t.utf8))) == nil { found.append("JSON that does not parse: \(t.prefix(200))") }
                }
            case .quit: break
            }
        }
        return found
    }

    /// Controls (C0, DEL, C1) and the invisible marks that reorder text on screen.
    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        u.properties.generalCategory == .control || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
    }

    /// "nan", "inf", "infinity" (NNPlot's and Swift's words) or "undefined"/"infinite" (NNLab's
    /// stand-ins for a non-finite number) as a word of their own.
    static func nonFinite(in text: String) -> String? {
        guard let r = text.range(of: #"(?i)(?<![A-Za-z])(-?nan|-?inf(inity)?|undefined|-?infinite)(?![A-Za-z])"#,
                                 options: .regularExpression) else { return nil }
        return String(text[r])
    }

    static func context(of word: String, in text: String) -> String {
        guard let r = text.range(of: word) else { return "" }
        let from = text.index(r.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let to = text.index(r.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[from..<to])
    }

    /// After an episode: status answers, and data, model, train, evaluate work from scratch.
    static func stillWorks(_ s: Session) -> [String] {
        var found: [String] = []
        func texts(_ line: String) -> String {
            let out = s.run(line)
            let errors = out.compactMap { if case .error(let e) = $0 { return e } else { return nil } }
            if !errors.isEmpty { found.append("`\(line)` failed: \(errors[0])") }
            return out.compactMap { if case .text(let t) = $0 { return t } else { return nil } }.joined(separator: "\n")
        }
        _ = s.run("record stop") // fails when not recording; only its effect matters
        if !texts("status").contains("model: ") { found.append("status does not answer") }
        if !texts("data circles n=100 seed=1").contains("data: circles, 100 points") { found.append("data circles does not work") }
        if !texts("model dense4 relu").contains("model: dense(2→4)") { found.append("model does not work") }
        if !texts("train epochs=3 lr=0.01 seed=0").contains("epoch 3: loss") { found.append("train does not work") }
        let json = texts("evaluate format=json").split(separator: "\n").first { $0.hasPrefix("{") }
        if json.flatMap({ try? JSONSerialization.jsonObject(with: Data($0.utf8)) }) == nil { found.append("evaluate format=json does not parse") }
        return found
    }

    /// CSV files for `data load`: a good one and the usual ways a file goes wrong.
    static func writeFiles(in dir: String) throws {
        var good = "x1,x2,label\n"
        var random = FuzzRandom(seed: 7)
        for i in 0..<60 {
            let a = random.uniform() * 4 - 2, b = random.uniform() * 4 - 2
            good += "\(a),\(b),\(i % 2)\n"
        }
        let files: [String: String] = [
            "good.csv": good,
            "empty.csv": "",
            "header.csv": "x1,x2,label\n",
            "text.csv": "x1,x2,label\n1,2,0\nthree,4,1\n",
            "ragged.csv": "x1,x2,label\n1,2,0\n3,1\n",
            "nonfinite.csv": "x1,x2,label\n1,nan,0\n2,3,1\n",
            "huge.csv": "x1,x2,label\n" + (0..<40).map { "\($0 % 2 == 0 ? 1e308 : -1e308),\(Double($0) * 1e307),\($0 % 2)" }.joined(separator: "\n") + "\n",
            "tiny.csv": "x1,x2,label\n" + (0..<40).map { "\($0)e-320,5e-324,\($0 % 2)" }.joined(separator: "\n") + "\n",
            "constant.csv": "x1,x2,label\n" + (0..<40).map { "1,1,\($0 % 2)" }.joined(separator: "\n") + "\n",
            "oneclass.csv": "x1,x2,label\n" + (0..<40).map { "\($0),\($0),a" }.joined(separator: "\n") + "\n",
            "three.csv": "x1,x2,label\n" + (0..<40).map { "\($0),\($0),\($0 % 3)" }.joined(separator: "\n") + "\n",
            "quoted.csv": "x1,x2,label\n\"1\n2\",3,0\n",
            "escapes.csv": "x\u{1B}[31m1,x\u{202E}2,label\u{7}\n" + (0..<40).map { "\($0),\($0 % 7),\($0 % 2)" }.joined(separator: "\n") + "\n",
            "bad.json": "{\"nnlab\": 1, \"model\": [{\"units\": -5, \"activation\": \"relu\"}], \"settings\": {\"seed\": 0}}",
            "hostile.json": "{\"nnlab\": 1, \"data\": {\"kind\": \"circles\", \"n\": 1e12}, \"settings\": {\"seed\": 0}}",
            "bad.transcript": "nnlab> status\nnot what status says\nnnlab> replay file=bad.transcript\n",
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        try Data([0xFF, 0xFE, 0x00, 0x41, 0x2C, 0x0A, 0xC3, 0x28]).write(to: URL(fileURLWithPath: dir + "/binary.csv"))
        try FileManager.default.createDirectory(atPath: dir + "/folder.csv", withIntermediateDirectories: true)
    }
}

/// SplitMix64: small, fast and seeded, so every failure replays.
struct FuzzRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { uniform() < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }
}

/// Command lines from the command table: valid ones (kept small, so trainings are short),
/// valid ones with hostile values, mutated ones, and plain garbage.
struct LineGenerator {
    var random: FuzzRandom

    static let files = ["good.csv", "empty.csv", "header.csv", "text.csv", "ragged.csv", "nonfinite.csv", "huge.csv", "tiny.csv",
                        "constant.csv", "oneclass.csv", "escapes.csv", "three.csv", "quoted.csv", "binary.csv", "folder.csv", "missing.csv",
                        "out.csv", "s.json", "bad.json", "hostile.json", "missing.json", "r.transcript", "bad.transcript",
                        "p.svg", "k.py"]

    /// Values no key should take quietly.
    static let hostile: [String] = [
        "", "nan", "NaN", "-nan", "inf", "-inf", "infinity", "+inf", "1e308", "-1e308", "1e309", "1e12", "-1", "0", "-0",
        "0x10", "1e-320", "4.9e-324", "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999",
        "1_000", "１０", "١٠", "1e3", "+5", ".5", "5.", "0.1,0.2", ",,", "a,b", "=", "==", "\"\"", "\"a b\"", " ",
        "\u{0}", "\u{1B}[2J", "\u{7}", "\r", "\u{9B}31m", "\u{202E}gnp.", "é", "e\u{301}", "🧠", "日本語", "ℕ",
        String(repeating: "9", count: 5000), String(repeating: "1,", count: 40) + "1", "1" + String(repeating: "0", count: 400),
        "true", "null", "auto", "off", "on", "adam", "verify", "continue",
    ]

    /// Characters a mutation inserts.
    static let characters: [Character] = [
        "=", ",", "\"", "#", " ", "\t", "-", ".", "e", "0", "9", "x", "\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}",
        "\u{200B}", "\u{202E}", "\u{FEFF}", "\u{FFFD}", "é", "\u{301}", "🧠", "字", "\\", "'", "`", "$", "%", "~", "*",
    ]

    mutating func setup() -> [String] {
        let kind = random.pick(["circles", "moons", "xor", "spiral", "blobs", "gauss"])
        return (random.chance(0.2) ? ["record file=r.transcript"] : []) + ["data \(kind) n=\(random.int(20...300))" + (random.chance(0.3) ? " flip=0.2" : ""),
                random.chance(0.2) ? "model linear" : "model dense\(random.int(1...16)) \(random.pick(["relu", "tanh", "sigmoid"]))",
                "train epochs=\(random.int(1...30)) lr=\(random.pick(["0.001", "0.01", "0.1", "1", "10"]))"
                    + (random.chance(0.3) ? " optimizer=sgd l2=1" : "")]
    }

    mutating func line() -> String {
        switch random.uniform() {
        case ..<0.45: return valid()
        case ..<0.6: return withHostileValue()
        case ..<0.85: return mutate(valid())
        default: return garbage()
        }
    }

    /// A line the table accepts, with small sizes.
    mutating func valid() -> String {
        if random.chance(0.15) { return random.pick(CommandTable.all.flatMap(\.examples)) }
        let spec = random.pick(CommandTable.all)
        var parts = [spec.name]
        switch spec.words {
        case .none: break
        case .flags(let flags): if random.chance(0.5) { parts.append(random.pick(flags)) }
        case .layers: parts += layers()
        case .terms: parts += (0..<random.int(0...3)).map { _ in random.pick(["x1", "x2", "x1^2", "x1*x2", "sin(x1)", "x3", "reset"]) }
        case .topic: if random.chance(0.5) { parts.append(String(random.pick(CommandTable.verbs))) }
        case .name:
            if random.chance(0.6) { parts.append(random.pick(spec.name == "lesson" ? ["circles", "learning-rate", "nosuch"]
                                                                            : ["diverged", "label-noise", "nosuch"])) }
        }
        for key in spec.keys where key.required || random.chance(0.4) {
            parts.append(key.name + "=" + (key.list && random.chance(0.5)
                ? (0..<random.int(1...3)).map { _ in value(for: key, name: spec.name) }.joined(separator: ",")
                : value(for: key, name: spec.name)))
        }
        return parts.joined(separator: " ")
    }

    mutating func layers() -> [String] {
        if random.chance(0.15) { return ["linear"] }
        return (0..<random.int(1...3)).flatMap { _ in
            ["dense\(random.int(1...32))", random.pick(["relu", "tanh", "sigmoid", "leaky_relu", "linear"])]
        }
    }

    /// A value in range, small enough that any training stays short.
    mutating func value(for key: KeySpec, name: String) -> String {
        switch key.name {
        case "n": return String(random.int(10...400))
        case "epochs": return String(random.int(1...40))
        case "seeds": return String(random.int(1...2))
        case "batch": return String(random.pick([1, 2, 16, 32, 64, 500]))
        case "lr": return random.pick(["0.0001", "0.001", "0.01", "0.1", "1", "10"])
        case "l2": return random.pick(["0", "0.001", "0.1", "1"])
        case "label": return random.pick(["label", "x1", "nosuch"])
        default: break
        }
        switch key.kind {
        case .integer(let r), .integerOrAuto(let r): return String(random.int(r.lowerBound...min(r.upperBound, r.lowerBound + 50)))
        case .real(let r, _):
            return random.pick([r.upperBound, r.lowerBound + (r.upperBound - r.lowerBound) * random.uniform() / 4,
                                r.lowerBound == 0 ? 0.05 : r.lowerBound].map { "\($0)" })
        case .choice(let choices): return random.pick(choices)
        case .path(let ext):
            let fitting = Self.files.filter { $0.hasSuffix("." + ext) }
            return fitting.isEmpty ? "x.\(ext)" : random.pick(fitting)
        case .text: return "label"
        case .folder: return random.pick([".", "..", "/"])
        }
    }

    /// A valid line with one key's value replaced by a hostile one, a key given twice, or a made-up key.
    mutating func withHostileValue() -> String {
        var line = valid()
        let tokens = line.split(separator: " ").map(String.init)
        switch random.int(0...3) {
        case 0, 1:
            if let i = tokens.indices.filter({ tokens[$0].contains("=") }).randomElement(using: &random) {
                var t = tokens
                t[i] = String(t[i].prefix { $0 != "=" }) + "=" + random.pick(Self.hostile)
                line = t.joined(separator: " ")
            } else {
                line += " " + random.pick(["epochs", "lr", "n", "noise", "file", "seed"]) + "=" + random.pick(Self.hostile)
            }
        case 2:
            if let keyed = tokens.first(where: { $0.contains("=") }) { line += " " + keyed } else { line += " " + random.pick(Self.hostile) }
        default:
            line += " " + random.pick(["epoch", "lrate", "zzz", "file", "format", "n", "=", "=x"]) + "=" + random.pick(Self.hostile)
        }
        return line
    }

    /// Characters inserted, deleted or repeated; tokens swapped or doubled; the line cut or grown to 5000 characters.
    mutating func mutate(_ line: String) -> String {
        var chars = Array(line)
        for _ in 0..<random.int(1...3) {
            switch random.int(0...8) {
            case 0, 1: chars.insert(random.pick(Self.characters), at: random.int(0...chars.count))
            case 2: if !chars.isEmpty { chars.remove(at: random.int(0...(chars.count - 1))) }
            case 3: if !chars.isEmpty { chars = Array(chars.prefix(random.int(0...(chars.count - 1)))) }
            case 4:
                var tokens = String(chars).split(separator: " ").map(String.init)
                if tokens.count > 1 { tokens.swapAt(random.int(0...(tokens.count - 1)), random.int(0...(tokens.count - 1))) }
                chars = Array(tokens.joined(separator: " "))
            case 5:
                let tokens = String(chars).split(separator: " ").map(String.init)
                if let t = tokens.randomElement(using: &random) { chars += Array(" " + t) }
            case 6: chars = Array(String(chars).uppercased())
            case 7:
                // A digit run becomes a huge or tiny number.
                let s = String(chars)
                if let r = s.range(of: #"[0-9]+(\.[0-9]+)?"#, options: .regularExpression) {
                    chars = Array(s.replacingCharacters(in: r, with: random.pick(["1e308", "1e-308", "99999999999", "-5", "0", "1e12"])))
                }
            default:
                let s = String(chars) + " "
                chars = Array(String(repeating: s, count: 5000 / max(s.count, 1) + 1).prefix(5000))
            }
        }
        return String(chars)
    }

    /// Random bytes (as the lossy UTF-8 a terminal would pass on) or random scalars from every plane.
    mutating func garbage() -> String {
        let count = random.chance(0.05) ? 5000 : random.int(0...80)
        if random.chance(0.5) {
            return String(decoding: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ")
        }
        var s = String.UnicodeScalarView()
        for _ in 0..<count {
            let v = random.pick([UInt32(random.int(0...0x7F)), UInt32(random.int(0x80...0x7FF)), UInt32(random.int(0x800...0xFFFF)),
                                 UInt32(random.int(0x10000...0x10FFFF))])
            if let u = Unicode.Scalar(v), u != "\n" { s.append(u) }
        }
        return String(s)
    }

    /// Files stay inside the session's scratch folder: no line may name an absolute path.
    static func confined(_ line: String) -> String {
        line.replacingOccurrences(of: "/", with: "_")
    }
}

extension FuzzRandom: RandomNumberGenerator {}
