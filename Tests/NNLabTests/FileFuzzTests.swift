import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import NNLab

/// Mutated session files and transcripts (issue 17), beside the command fuzz: valid files from real
/// sessions with fields replaced by hostile values, arrays cut or grown, keys dropped, bytes broken,
/// lines inserted, dropped and swapped. Whatever the file: no crash, nothing printed as a control
/// character or a NaN, every error one line, an SVG that parses, and a session that loaded saves
/// and loads again.
///
/// Seeded and bounded: NNLAB_FUZZ_SEED changes the run, NNLAB_FILE_FUZZ_CASES the number of files
/// of each kind; each command is stopped after `timeBox` (as at Ctrl-C) and each kind after `budget`.
final class FileFuzzTests: XCTestCase {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["NNLAB_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_204
    static let cases = environment["NNLAB_FILE_FUZZ_CASES"].flatMap { Int($0) } ?? 200
    static let verbose = environment["NNLAB_FUZZ_VERBOSE"] != nil
    static let timeBox = 0.3
    static let budget = 20.0

    var session: Session!
    var deadline = Date.distantFuture
    var problems: [String] = []
    var notes: [String: Int] = [:]

    override func setUp() {
        session = Session.forReplay()
        session.shouldStop = { [unowned self] in Date() > deadline }
    }

    override func tearDown() { session.removeScratch() }

    var dir: String { session.directory! }

    func write(_ name: String, _ text: String) {
        try? text.write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
    }

    /// Runs a line in the time box and checks its outputs as the command fuzz does.
    @discardableResult
    func run(_ line: String, case number: Int) -> [Output] {
        if Self.verbose { print("file fuzz[\(number)]: \(line)") }
        deadline = Date().addingTimeInterval(Self.timeBox)
        defer { deadline = .distantFuture }
        let outputs = session.run(line)
        for what in FuzzTests.check(outputs, for: line, notes: &notes) { problems.append("case \(number), `\(line)`: \(what)") }
        return outputs
    }

    static func failed(_ outputs: [Output]) -> Bool { outputs.contains { if case .error = $0 { return true } else { return false } } }

    // MARK: session files

    /// Saved sessions of every shape: generated and loaded data, trained or not, a linear model, settings.
    func savedSessions() throws -> [String] {
        let csv = "h,w,animal\n" + (0..<40).map { "\(Double($0 % 7) * 0.5),\($0 % 5),\($0 % 7 + $0 % 5 > 5 ? "dog" : "cat")" }.joined(separator: "\n")
        write("animals.csv", csv)
        let scripts = [
            ["data circles n=60", "model dense8 relu", "train epochs=5 lr=0.01"],
            ["data load file=animals.csv test=0.25", "model linear", "train epochs=3", "set width=90 seed=3"],
            ["data moons n=40 flip=0.1", "model dense4 tanh dense3 sigmoid"],
            ["data xor n=30"],
        ]
        return try scripts.map { lines in
            let s = Session.forReplay()
            defer { s.removeScratch() }
            try FileManager.default.copyItem(atPath: dir + "/animals.csv", toPath: s.directory! + "/animals.csv")
            for line in lines + ["save file=base.json"] { XCTAssertFalse(Self.failed(s.run(line)), line) }
            return try String(contentsOfFile: s.directory! + "/base.json", encoding: .utf8)
        }
    }

    func testMutatedSessionFilesNeverCostTheSession() throws {
        var random = FuzzRandom(seed: Self.seed)
        let bases = try savedSessions()
        var loaded = 0, ran = 0
        let started = Date()
        for number in 0..<Self.cases where Date().timeIntervalSince(started) < Self.budget {
            ran += 1
            var text = random.pick(bases)
            if random.chance(0.85), var object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) {
                for _ in 0...random.int(0...2) { object = JSONMutator.mutate(object, &random) }
                if JSONSerialization.isValidJSONObject(object), let data = try? JSONSerialization.data(withJSONObject: object) { text = String(decoding: data, as: UTF8.self) }
            } else {
                text = JSONMutator.breakBytes(text, &random)
            }
            write("f.json", text)
            if Self.failed(run("load file=f.json", case: number)) { continue }
            loaded += 1
            for line in ["status", "data info", "data info format=json", "evaluate format=json", "plot", "plot loss", "plot data",
                         "plot file=p.svg", "export keras file=k.py", "export data file=d.csv"] {
                let outputs = run(line, case: number)
                if line == "plot file=p.svg" && !Self.failed(outputs) {
                    let svg = (try? String(contentsOfFile: dir + "/p.svg", encoding: .utf8)) ?? ""
                    if !XMLParser(data: Data(svg.utf8)).parse() { problems.append("case \(number): the SVG does not parse") }
                }
            }
            if random.chance(0.2) { run(random.pick(["diagnose", "train continue epochs=2", "sweep lr=0.01,0.1 seeds=1 epochs=2"]), case: number) }
            // What nnlab loaded, it saves and loads again.
            if Self.failed(run("save file=again.json", case: number)) || Self.failed(run("load file=again.json", case: number)) {
                problems.append("case \(number): a session that loaded does not save and load again:\n\(text.prefix(400))")
            }
        }
        print("file fuzz: \(ran) session files (seed \(Self.seed)), \(loaded) loaded, \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        for (note, count) in notes.sorted(by: { $0.key < $1.key }) { print("file fuzz note (\(count)×): \(note)") }
        XCTAssertGreaterThan(loaded, ran / 20, "the mutations leave some files loadable, so the commands after load are fuzzed too")
        XCTAssertTrue(problems.isEmpty, "\(problems.count) problems:\n" + problems.prefix(30).joined(separator: "\n"))
    }

    // MARK: transcripts

    /// A recorded session: commands and their outputs, as `record` writes them.
    func recordedTranscripts() -> [String] {
        let scripts = [
            ["data circles n=50", "model linear", "train epochs=3", "status", "evaluate", "data info"],
            ["data gauss n=40", "plot data", "model dense4 relu", "train epochs=2 lr=0.1", "save file=s.json", "load file=s.json", "bogus"],
        ]
        return scripts.map { lines in
            let s = Session.forReplay()
            defer { s.removeScratch() }
            _ = s.run("record file=r.transcript")
            for line in lines { _ = s.run(line) }
            return (try? String(contentsOfFile: s.directory! + "/r.transcript", encoding: .utf8)) ?? ""
        }
    }

    func testMutatedTranscriptsNeverCostTheSession() throws {
        var random = FuzzRandom(seed: Self.seed ^ 0x5EED)
        var generator = LineGenerator(random: FuzzRandom(seed: Self.seed))
        let bases = recordedTranscripts()
        let started = Date()
        var ran = 0
        for number in 0..<Self.cases where Date().timeIntervalSince(started) < Self.budget {
            ran += 1
            var lines = random.pick(bases).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var generated = false
            for _ in 0...random.int(0...3) {
                let i = random.int(0...lines.count - 1)
                switch random.int(0...5) {
                case 0: lines.remove(at: i)
                case 1: lines.insert(lines[i], at: i)
                case 2: lines.swapAt(i, random.int(0...lines.count - 1))
                case 3: lines.insert(Transcript.prompt + LineGenerator.confined(generator.line()), at: i); generated = true
                case 4: lines.insert(random.pick(TranscriptLines.hostile), at: i)
                default: lines[i].insert(random.pick(LineGenerator.characters), at: lines[i].index(lines[i].startIndex, offsetBy: random.int(0...lines[i].count)))
                }
                if lines.isEmpty { lines = [""] }
            }
            write("t.transcript", lines.joined(separator: "\n"))
            // Replay in the session, and check as `nnlab check` does (a fresh session of its own, which
            // nothing stops: only for transcripts whose commands were all recorded, and so short).
            deadline = Date().addingTimeInterval(Self.timeBox * 10)
            let outputs = session.run("replay file=t.transcript")
            deadline = .distantFuture
            for what in FuzzTests.check(outputs, for: "replay file=t.transcript", notes: &notes) { problems.append("case \(number), replay: \(what)") }
            let result = generated ? nil : Checker.check(file: dir + "/t.transcript")
            if let result, result.report.unicodeScalars.contains(where: { $0 != "\n" && FuzzTests.isUnsafe($0) }) {
                problems.append("case \(number): raw control characters in the check report: \(result.report.debugDescription.prefix(200))")
            }
            session.reset()
        }
        print("file fuzz: \(ran) transcripts (seed \(Self.seed)), \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        for (note, count) in notes.sorted(by: { $0.key < $1.key }) { print("file fuzz note (\(count)×): \(note)") }
        XCTAssertTrue(problems.isEmpty, "\(problems.count) problems:\n" + problems.prefix(30).joined(separator: "\n"))
    }
}

/// Lines a hostile transcript holds.
enum TranscriptLines {
    static let hostile = [
        "# \u{1B}]0;pwned\u{7}", "\u{1B}[2J", "nnlab> ", "nnlab> replay file=t.transcript", "nnlab> load file=f.json",
        "\\nnlab> data circles", "\\", "nnlab> data load file=t.transcript", "nnlab> record file=t.transcript",
        "nnlab> \u{1B}[31mdata circles", "error: \u{0}", "nnlab> lesson circles", "nnlab> quit", "\r",
        String(repeating: "x", count: 5000), "nnlab> save file=t.json", "nnlab> export data file=t.csv",
    ]
}

/// Mutations of a decoded JSON value: a node replaced by a hostile value, removed, duplicated,
/// or an array cut short or grown.
enum JSONMutator {
    static let numbers: [Any] = [-1, 0, 1, 2, 3, 5.0, 0.5, -0.0, 65, 513, 20_001, 200_000, 1e18, -1e18, 1.7e308, -1.7e308, 1e-320,
                                 4_294_967_296, Int64.max, 1e100, 1e160]
    static let strings: [Any] = ["", "\u{1B}[2J", "p1.csv\nimport os; os.system('touch pwned')\n#.csv", "x.csv", "relu", "adam",
                                 "finished", "interrupted", "diverged", "circles", "sigmoid", String(repeating: "w", count: 3000),
                                 "\u{202E}vsc.", "nnlab> save file=x.json", "a\"b,c", "\u{0}", "1e999"]
    static let others: [Any] = [[Any](), [String: Any](), NSNull(), true, false, [0, 1], ["a", "a"]]

    static func mutate(_ value: Any, _ random: inout FuzzRandom) -> Any {
        // Descend to a random node, more often deep than at the top.
        if let dict = value as? [String: Any], !dict.isEmpty, random.chance(0.8) {
            var d = dict
            let key = random.pick(dict.keys.sorted())
            if random.chance(0.08) { d[key] = nil } else { d[key] = mutate(dict[key]!, &random) }
            return d
        }
        if let array = value as? [Any], !array.isEmpty, random.chance(0.7) {
            var a = array
            switch random.int(0...9) {
            case 0: a.removeLast(random.int(1...a.count))
            // Now and then past the longest list a session file may hold (the history's cap), to reach every cap.
            case 1: a += Array(repeating: a[random.int(0...a.count - 1)], count: random.chance(0.03) ? Limits.history + 1 : random.int(1...3000))
            case 2: a.insert(a[0], at: 0)
            default:
                let i = random.int(0...a.count - 1)
                a[i] = mutate(a[i], &random)
            }
            return a
        }
        switch random.int(0...2) {
        case 0: return random.pick(numbers)
        case 1: return random.pick(strings)
        default: return random.pick(others)
        }
    }

    /// The text cut short, or a byte changed.
    static func breakBytes(_ text: String, _ random: inout FuzzRandom) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        if random.chance(0.5) { bytes.removeLast(random.int(1...bytes.count)) } else {
            bytes[random.int(0...bytes.count - 1)] = random.pick([0x00, 0x1B, 0x22, 0x2C, 0x7B, 0x7D, 0x30, 0x2D, 0x65])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
