import Foundation
import XCTest
import NNCore
import NNDiagnosis
@testable import NNLab

/// The one writer of commands is the parser's inverse, its defaults are the table's, and every
/// settings key of the table is bound to the field it sets.
final class CommandWriterTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so a failure names a reproducible case.
    struct Draw {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.upperBound - r.lowerBound + 1)) }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...xs.count - 1)] }
        mutating func chance(_ p: Double) -> Bool { unit() < p }

        /// Words a learner could type, with blanks, `#`, `=`, `"`, commas, combining marks and non-ASCII mixed in,
        /// drawn scalar by scalar (a combining mark after a blank or quote joins it into one Character).
        mutating func word(_ count: ClosedRange<Int>) -> String {
            let alphabet = Array("abcxyzAZ019_-./ #=,\"éλ🙂\t\u{301}".unicodeScalars)
            var out = String.UnicodeScalarView()
            for _ in 0..<int(count) { out.append(pick(alphabet)) }
            return String(out)
        }

        /// `text` with a scalar replaced (or dropped), scalar by scalar as the words are drawn.
        static func replacing(_ u: Unicode.Scalar, with v: Unicode.Scalar?, in text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.compactMap { $0 == u ? v : $0 }))
        }

        mutating func value(for key: KeySpec) -> Invocation.Value {
            switch key.kind {
            case .integer(let r): return .integer(chance(0.2) ? pick([r.lowerBound, r.upperBound]) : int(r))
            case .integerOrAuto(let r): return chance(0.3) ? .text("auto") : .integer(int(r))
            case .real(let r, let openLow):
                var x = chance(0.2) ? pick([r.lowerBound, r.upperBound]) : r.lowerBound + unit() * (r.upperBound - r.lowerBound)
                if chance(0.2) { x = (x * 1000).rounded() / 1000 }
                if openLow && x == r.lowerBound { x = r.upperBound }
                return .real(min(max(x, r.lowerBound), r.upperBound))
            case .choice(let c): return .text(pick(c))
            case .path(let ext): return .text(Self.replacing("\t", with: " ", in: word(0...12)) + "." + ext)
            case .folder: return .text(Self.replacing("\t", with: " ", in: word(1...12)))
            case .text: return .text(word(1...20))
            }
        }
    }

    func invocation(of spec: CommandSpec, _ draw: inout Draw) -> Invocation {
        var words: [String] = []
        switch spec.words {
        case .none: break
        case .flags(let flags): words = flags.filter { _ in draw.chance(0.5) }
        // A bare word with `=` in it is a key by the language's own rule: names never hold one.
        case .topic, .name: if draw.chance(0.7) { words = [Draw.replacing("=", with: nil, in: draw.word(1...10))].filter { !$0.isEmpty } }
        case .terms: words = (0..<draw.int(0...4)).map { _ in draw.pick(["x1", "x2", "x1^2", "x2*x1", "sin(x2)", "reset"]) }
        case .layers:
            words = draw.chance(0.2) ? ["linear"] : (0..<draw.int(1...3)).flatMap { _ in
                ["dense\(draw.int(1...Limits.units))", draw.pick(CommandTable.activations)]
            }
        }
        var c = Invocation(spec, words: words.map { Token(text: $0, column: 0) })
        for key in spec.keys.shuffled(using: &draw) where key.required || draw.chance(0.5) {
            c.set(key.name, key.list ? .list((0..<draw.int(1...4)).map { _ in draw.value(for: key) }) : draw.value(for: key))
        }
        return c
    }

    func testWritingThenParsingGivesTheSameInvocation() throws {
        var draw = Draw(state: 20261204)
        for round in 0..<3000 {
            let spec = CommandTable.all[round % CommandTable.all.count]
            let c = invocation(of: spec, &draw)
            let line = CommandWriter.line(c)
            XCTAssertEqual(try Parser.parse(line), c, "round \(round): \(line)")
        }
    }

    /// Any word at all is written so that the tokenizer reads it back: blanks, quotes (doubled inside quotes),
    /// a leading `#`, an empty word, combining marks after a blank or a quote.
    func testAnyWordIsWrittenSoThatItReadsBack() {
        var draw = Draw(state: 17)
        let fixed = ["", "\"", "\"\"", "a\"b", "\"a b\"", "#x", "x#", " ", "a \u{301}b", "\"\u{301}", "=", "\\\"", "a\"\"\"b"]
        for word in fixed + (0..<5000).map({ _ in draw.word(0...12) }) {
            let written = CommandWriter.quoted(word)
            XCTAssertEqual(Tokenizer.tokenize(written).map(\.text), [word], "\(word.debugDescription) written as \(written.debugDescription)")
            // and as one word among others
            XCTAssertEqual(Tokenizer.tokenize("x " + written + " y").map(\.text), ["x", word, "y"], written.debugDescription)
        }
        XCTAssertEqual(Tokenizer.tokenize(#"data load file="my ""best"" data.csv""#).map(\.text), ["data", "load", #"file=my "best" data.csv"#])
    }

    func testDefaultsComeFromTheTableAndAgreeWithTheCore() {
        var train = TrainConfig(learningRate: 9, epochs: 9, batch: 9, optimizer: .sgd, seed: 9, l2: 0.9)
        Invocation.defaults(of: CommandTable.spec("train"), into: &train)
        XCTAssertEqual(train, TrainConfig())
        for kind in DataSpec.Kind.allCases {
            var spec = DataSpec(kind: kind, n: 9, noise: 9, seed: 9, test: 0.9, scaled: false, flip: 0.4, imbalance: 0.5)
            Invocation.defaults(of: CommandTable.spec("data " + kind.rawValue), into: &spec)
            XCTAssertEqual(spec, DataSpec(kind: kind), kind.rawValue)
            XCTAssertEqual(CommandWriter.line(.data(spec)), "data " + kind.rawValue, "defaults are not written")
        }
        var settings = Settings(color: true, seed: 4, columns: 50)
        Invocation.defaults(of: CommandTable.spec("set"), into: &settings)
        XCTAssertEqual(settings, Settings())
        XCTAssertEqual(CommandWriter.line(.train(TrainConfig())), "train")
        XCTAssertEqual(CommandWriter.line(.train(TrainConfig(learningRate: 0.01, l2: 1e-7), always: ["seed"])), "train lr=0.01 seed=0 l2=1e-07")
    }

    /// Every key of a command that builds settings is bound to a field, all of one settings type, and
    /// the field gives back what was put in: a key added to the table without its field fails here.
    func testEveryKeyIsBoundToTheFieldItSets() {
        // Keys a handler reads itself rather than setting a field.
        let read = ["file", "format", "seeds", "show"]
        var draw = Draw(state: 7)
        for spec in CommandTable.all where spec.keys.contains(where: { $0.field != nil }) {
            let roots = Set(spec.keys.compactMap { $0.field.map { ObjectIdentifier($0.root) } })
            XCTAssertEqual(roots.count, 1, "\(spec.name): one settings type")
            for key in spec.keys where key.field == nil {
                XCTAssertTrue(read.contains(key.name), "\(spec.name) \(key.name)= is bound to no field")
            }
            for key in spec.keys {
                guard let field = key.field else { continue }
                for _ in 0..<5 {
                    let value = draw.value(for: key)
                    switch field.root {
                    case is TrainConfig.Type: XCTAssertEqual(roundTrip(field, value, TrainConfig()), value, "\(spec.name) \(key.name)")
                    case is DataSpec.Type: XCTAssertEqual(roundTrip(field, value, DataSpec(kind: .circles)), value, "\(spec.name) \(key.name)")
                    case is Settings.Type: XCTAssertEqual(roundTrip(field, value, Settings()), value, "\(spec.name) \(key.name)")
                    case is ModelOptions.Type: XCTAssertEqual(roundTrip(field, value, ModelOptions()), value, "\(spec.name) \(key.name)")
                    case is LoadSpec.Type:
                        let load = LoadSpec(file: "a.csv", label: nil, test: 0.2, seed: 42, scaled: true, classes: [], labelColumn: "", fileSplit: false)
                        XCTAssertEqual(roundTrip(field, value, load), value, "\(spec.name) \(key.name)")
                    default: XCTFail("\(spec.name) \(key.name): a field of an unknown settings type")
                    }
                }
            }
        }
    }

    func roundTrip<Root>(_ field: Field, _ value: Invocation.Value, _ root: Root) -> Invocation.Value? {
        var root = root
        field.apply(value, to: &root)
        // Reals that are whole numbers may come back as such; compare as the parser would give them.
        return field.value(of: root)
    }

    func testFixesAreWrittenAsCommandsThatParseBackToThem() throws {
        let data = LabData(DataSpec(kind: .circles, noise: 0.3, scaled: false).generate())
        let fixes: [Fix] = [
            Fix(.model(hidden: [LayerSpec(16, .relu), LayerSpec(8, .tanh)])), Fix(.model(hidden: [])),
            Fix(.train(TrainConfig(learningRate: 0.1, epochs: 30, seed: 3), was: TrainConfig(learningRate: 1, epochs: 30, seed: 3))),
            Fix(.trainLonger(more: 1500, whole: TrainConfig(epochs: 2000))),
            Fix(.data(DataSpec(kind: .circles, noise: 0.3), was: DataSpec(kind: .circles, noise: 0.3, scaled: false))),
            Fix(.sweep(learningRates: [1, 0.1], seeds: 5)),
        ]
        let lines = fixes.map { CommandWriter.line(.fix($0, data: data)) }
        XCTAssertEqual(lines, ["model dense16 relu dense8 tanh", "model linear", "train lr=0.1 epochs=30 seed=3",
                               "train continue epochs=1500", "data circles scale=on noise=0.3", "sweep lr=1,0.1 seeds=5"])
        for (fix, line) in zip(fixes, lines) { XCTAssertEqual(try Parser.parse(line), .fix(fix, data: data), line) }
        let table = LoadedTable(dataset: Dataset(x: [0, 0, 1, 1], y: [0, 1], features: 2), labelColumn: "kind", classes: ["a", "b"], split: nil)
        let loaded = LabData(loaded: table, spec: LoadSpec(file: "my data.csv", label: "kind", test: 0.5, seed: 42, scaled: false,
                                                           classes: ["a", "b"], labelColumn: "kind", fileSplit: false))
        XCTAssertEqual(CommandWriter.line(.fix(Fix(.scaleLoadedData), data: loaded)), "data load \"file=my data.csv\" label=kind test=0.5",
                       "the file the learner loaded, not a placeholder")
    }

    /// NNDiagnosis knows nothing of the command language: no string literal in it spells a command or a key.
    func testNoCommandTextInNNDiagnosis() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/NNDiagnosis")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 10)
        let keys = Set(CommandTable.all.flatMap { $0.keys.map(\.name) }).sorted().joined(separator: "|")
        let forms = CommandTable.all.compactMap { $0.form.map(String.init) }.joined(separator: "|")
        let command = try NSRegularExpression(pattern: "\\b(\(keys))=|\\b(data|export|plot) (\(forms))\\b|\\bmodel (linear|dense\\d)|"
                                              + "\\btrain (continue|\(keys))|\\bsweep (\(keys))|\\b(explain|lesson|help) [a-z]")
        let literal = try NSRegularExpression(pattern: "\"(?:[^\"\\\\\\n]|\\\\.)*\"")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let line = String(line)
                for m in literal.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    let s = String(line[Range(m.range, in: line)!])
                    XCTAssertNil(command.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), "\(file): \(s)")
                }
            }
        }
    }
}

extension CommandWriterTests.Draw: RandomNumberGenerator {}
