import Foundation
import NNCore
import XCTest
@testable import NNLab

/// Held-out scenarios with three to five classes, for `confused-pair` and `label-noise`, written before either was
/// run on them and not tuned on: CSVs loaded through `data load`, made by a generator written here whose classes are
/// Gaussians (spread 1) in the first two of 2–10 features, so the truth is known from the generator itself and not
/// from any analyzer:
/// - which pair of classes the best possible classifier confuses, from the classes' densities at 20,000 fresh points
///   (the expected Bayes confusion of each pair);
/// - which training labels this test moved to another class.
/// confused-pair must name the pair whose overlap holds at least two thirds of the Bayes error where that overlap
/// costs at least 5 test points, and stay quiet where the classes lie apart (under half an expected test error) or
/// where two pairs overlap alike (no pair stands out by construction). label-noise fires where labels were moved
/// (5% or more) and the overlap is small (Bayes error at most 3%), and is quiet where none was.
/// Judged with `TuningScenarioTests`' session and budget helpers and tally.
final class KClassHeldOutTests: XCTestCase {
    /// Classes by their centres in (x1, x2); the other features are noise.
    struct World {
        let name: String
        let centres: [[Double]]
        let features: Int
        var classes: Int { centres.count }

        /// `k` classes around a circle of radius 7 (at least 7 apart), with class 1 moved to `gap` from class 0 when
        /// `gap` is given (and, with `secondGap`, class 3 to that distance from class 2).
        static func make(_ k: Int, features: Int, gap: Double? = nil, secondGap: Double? = nil) -> World {
            let spots = k - (gap == nil ? 0 : 1) - (secondGap == nil ? 0 : 1)
            let angle = 2 * Double.pi / Double(spots)
            var positions = (0..<spots).map { [7 * cos(Double($0) * angle), 7 * sin(Double($0) * angle)] }
            // Shares a spot with its partner, the two a gap apart along the tangent.
            func pair(_ at: Int, _ gap: Double) -> [[Double]] {
                let p = positions[at], t = [-sin(Double(at) * angle), cos(Double(at) * angle)]
                return [[p[0] - t[0] * gap / 2, p[1] - t[1] * gap / 2], [p[0] + t[0] * gap / 2, p[1] + t[1] * gap / 2]]
            }
            if let gap { positions.replaceSubrange(0...0, with: pair(0, gap)) }
            if let secondGap { positions.replaceSubrange(2...2, with: pair(2, secondGap)) }
            let name = "k\(k) d\(features)" + (gap.map { " gap \($0)" } ?? " apart") + (secondGap.map { " and \($0)" } ?? "")
            return World(name: name, centres: positions, features: features)
        }

        /// `n` points, equal shares: features row-major and labels.
        func sample(_ n: Int, _ rng: inout RandomState) -> (x: [Double], y: [Int]) {
            var x: [Double] = [], y: [Int] = []
            for i in 0..<n {
                let c = i % classes
                x += (0..<features).map { f in (f < 2 ? centres[c][f] : 0) + rng.normal() }
                y.append(c)
            }
            return (x, y)
        }

        /// The best possible classifier's expected confusion per pair (a < b), and its error, at `n` fresh points.
        func bayesConfusion(_ n: Int, seed: UInt32) -> (pairs: [[Double]], error: Double) {
            var rng = RandomState(seed: seed)
            var pairs = [[Double]](repeating: [Double](repeating: 0, count: classes), count: classes)
            for _ in 0..<n {
                let c = Int(rng.uniform() * Double(classes)) % classes
                let point = [centres[c][0] + rng.normal(), centres[c][1] + rng.normal()]
                let density = centres.map { m in exp(-((point[0] - m[0]) * (point[0] - m[0]) + (point[1] - m[1]) * (point[1] - m[1])) / 2) }
                let total = density.reduce(0, +), best = density.indices.max { density[$0] < density[$1] }!
                for other in density.indices where other != best {
                    pairs[min(best, other)][max(best, other)] += density[other] / total / Double(n)
                }
            }
            return (pairs, pairs.joined().reduce(0, +))
        }
    }

    struct Case {
        let world: World
        var n = 600
        var flip = 0.0
        var model = "model dense16 relu"
        var train = "train lr=0.01 epochs=200"
        var seed: UInt32
    }

    /// Written in one go before any was run: seeds from 401, 3–5 classes, 2–10 features; then every set of 800–900 rows
    /// cut to 600, as the exact separability test in the loaded Bayes estimate took 2–4 minutes (debug) on 800–900 rows
    /// with an overlapping pair. Nothing in the analyzers was changed for these.
    static let cases: [Case] = [
        // One pair overlapping (gap 1–2 spreads: a pair Bayes error of 16–31%), the rest far apart.
        Case(world: .make(3, features: 2, gap: 1.5), seed: 401),
        Case(world: .make(3, features: 6, gap: 1.0), n: 450, seed: 402),
        Case(world: .make(4, features: 2, gap: 2.0), n: 600, model: "model linear", train: "train lr=0.05 epochs=200", seed: 403),
        Case(world: .make(4, features: 8, gap: 1.5), n: 600, seed: 404),
        Case(world: .make(5, features: 3, gap: 1.2), n: 600, seed: 405),
        Case(world: .make(5, features: 10, gap: 2.0), n: 600, model: "model linear", train: "train lr=0.05 epochs=200", seed: 406),
        Case(world: .make(3, features: 4, gap: 1.8), n: 600, model: "model dense32 relu", seed: 407),
        // One pair overlapping strongly, a second mildly: the first holds most of the Bayes error.
        Case(world: .make(4, features: 2, gap: 1.0, secondGap: 3.5), n: 600, seed: 408),
        Case(world: .make(5, features: 5, gap: 1.3, secondGap: 3.8), n: 600, seed: 409),
        // Two pairs overlapping alike: no pair stands out by construction.
        Case(world: .make(4, features: 2, gap: 1.5, secondGap: 1.5), n: 600, seed: 410),
        Case(world: .make(5, features: 6, gap: 1.2, secondGap: 1.2), n: 600, seed: 411),
        // All classes far apart.
        Case(world: .make(3, features: 2), n: 300, seed: 412),
        Case(world: .make(4, features: 7), n: 600, seed: 413),
        Case(world: .make(5, features: 3), n: 750, model: "model linear", train: "train lr=0.05 epochs=200", seed: 414),
        Case(world: .make(3, features: 10), n: 450, model: "model dense32 relu", seed: 415),
        // Far apart with training labels moved to another class.
        Case(world: .make(3, features: 2), n: 450, flip: 0.1, seed: 416),
        Case(world: .make(4, features: 5), n: 600, flip: 0.15, seed: 417),
        Case(world: .make(5, features: 2), n: 600, flip: 0.08, model: "model dense32 relu", seed: 418),
        Case(world: .make(4, features: 3), n: 600, flip: 0.25, seed: 419),
        Case(world: .make(3, features: 8), n: 600, flip: 0.05, model: "model linear", train: "train lr=0.05 epochs=200", seed: 420),
        // An overlapping pair and moved labels.
        Case(world: .make(4, features: 2, gap: 1.5), n: 600, flip: 0.1, seed: 421),
        Case(world: .make(3, features: 4, gap: 2.0), n: 600, flip: 0.2, seed: 422),
    ]

    struct Outcome {
        var pair = ScenarioTally(), noise = ScenarioTally()
        var lines: [String] = []
        /// label-noise's F1 against the moved labels and the share of caught ones given their drawn class, where it fired.
        var f1: [Double] = [], rightClass: [Double] = []
    }

    /// Writes the CSV (a quarter of the rows test; `flip` of the training labels moved to another class at random),
    /// runs the session, and judges both ids against the generator.
    static func judge(_ c: Case) -> Outcome {
        var rng = RandomState(seed: c.seed)
        let world = c.world
        let (x, truth) = world.sample(c.n, &rng)
        var y = truth
        var split = [String](repeating: "train", count: y.count)
        for i in rng.permutation(y.count).prefix(y.count / 4) { split[i] = "test" }
        let trainRows = split.indices.filter { split[$0] == "train" }
        var moved: [Int] = []
        for i in rng.permutation(trainRows.count).prefix(Int((Double(trainRows.count) * c.flip).rounded())) {
            let r = trainRows[i]
            y[r] = (y[r] + 1 + Int(rng.uniform() * Double(world.classes - 1))) % world.classes
            moved.append(r)
        }
        let d = world.features
        var csv = ((1...d).map { "f\($0)" } + ["label", "split"]).joined(separator: ",") + "\n"
        for i in 0..<y.count { csv += x[(i * d)..<((i + 1) * d)].map { "\($0)" }.joined(separator: ",") + ",c\(y[i]),\(split[i])\n" }
        let name = "kclass-\(c.seed).csv"
        try! csv.write(to: TuningScenarioTests.folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let session = Session()
        session.directory = TuningScenarioTests.folder.path
        let (findings, budget) = TuningScenarioTests.diagnose(session, ["data load file=\(name)", c.model, c.train])
        guard case .text(let text)? = session.run("diagnose format=json").first,
              let report = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let all = report["findings"] as? [[String: Any]] else { fatalError("diagnose format=json") }
        let contradicted = TuningScenarioTests.contradictions(budget)

        var out = Outcome()
        let bayes = world.bayesConfusion(20_000, seed: c.seed + 1000)
        let pairs = (0..<world.classes).flatMap { a in ((a + 1)..<world.classes).map { (a, $0, bayes.pairs[a][$0]) } }
        let top = pairs.max { $0.2 < $1.2 }!
        let tests = Double(split.filter { $0 == "test" }.count)
        // The pair's own overlap costs enough test points to show, and holds two thirds of the Bayes error.
        let expected: (Int, Int)?? = top.2 * tests >= 5 && top.2 >= 2.0 / 3 * bayes.error ? .some((top.0, top.1))
            : bayes.error * tests < 0.5 || (pairs.filter { $0.2 >= 0.4 * bayes.error }.count >= 2 && top.2 < 0.6 * bayes.error) ? .some(nil)
            : nil
        let confused = all.first { $0["id"] as? String == "confused-pair" }
        let named: (Int, Int)? = (confused?["headline"] as? String).flatMap { headline in
            let words = headline.split(separator: " ")
            guard let at = words.firstIndex(of: "between"), words.count > at + 3 else { return nil }
            let a = Int(words[at + 1].dropFirst()), b = Int(words[at + 3].dropFirst().dropLast())
            return a.flatMap { a in b.map { (min(a, $0), max(a, $0)) } }
        }
        switch expected {
        case .some(.some(let p)):
            if let named, named == p { out.pair.tp = 1 } else { out.pair.fn = 1; if named != nil { out.pair.fp = 1 } }
        case .some(.none): if confused != nil { out.pair.fp = 1 } else { out.pair.tn = 1 }
        case .none: break
        }

        let noise = all.first { $0["id"] as? String == "label-noise" && $0["severity"] as? String != "note" }
        let flipShare = Double(moved.count) / Double(trainRows.count)
        let noiseExpected: Bool? = flipShare >= 0.05 && bayes.error <= 0.03 ? true : flipShare == 0 ? false : nil
        if let noiseExpected {
            switch (noiseExpected, noise != nil) {
            case (true, true): out.noise.tp = 1
            case (true, false): out.noise.fn = 1
            case (false, true): out.noise.fp = 1
            case (false, false): out.noise.tn = 1
            }
        }
        var noiseNote = ""
        if let noise, !moved.isEmpty {
            let points = noise["points"] as! [Int], suspected = (noise["suspected"] as? [String]) ?? []
            let caught = zip(points, suspected).filter { moved.contains($0.0) }
            let right = caught.filter { "c\(truth[$0.0])" == $0.1 }.count
            let f1 = 2 * Double(Set(points).intersection(moved).count) / Double(points.count + moved.count)
            out.f1.append(f1)
            out.rightClass.append(caught.isEmpty ? 0 : Double(right) / Double(caught.count))
            noiseNote = String(format: "; label-noise F1 %.2f, %d of %d caught given their drawn class", f1, right, caught.count)
        }
        let expectText: String = {
            switch expected {
            case .some(.some(let p)): return "c\(p.0)/c\(p.1)"
            case .some(.none): return "none"
            case .none: return "not judged"
            }
        }()
        out.lines.append(world.name.padding(toLength: 26, withPad: " ", startingAt: 0) + " seed \(c.seed) flip \(c.flip): "
                         + findings.map { "\($0.id)(\($0.severity.prefix(1)))" }.joined(separator: " "))
        out.lines.append(String(format: "    Bayes error %.3f, top pair c%d/c%d %.3f; expected pair %@, named %@%@",
                                bayes.error, top.0, top.1, top.2, expectText, named.map { "c\($0.0)/c\($0.1)" } ?? "none", noiseNote)
                         + (contradicted.isEmpty ? "" : "; budget contradicted: \(contradicted)"))
        return out
    }

    /// Measured when written, before anything was changed for it: confused-pair precision 0.846, recall 1.000 (its two
    /// false alarms are the two pairs overlapping alike: it names whichever holds more of that test set's errors);
    /// label-noise precision 0.455, recall 1.000 (it fires on six of the clean sets with an overlapping pair: the
    /// neighbour vote takes the pair's overlap for wrong labels), F1 0.68–1.00 where labels were moved, and the drawn
    /// class named for 90–100% of the moved labels it caught. The floors are below these, not the target.
    func testConfusedPairAndLabelNoiseOnHeldOutKClassScenarios() {
        var pair = ScenarioTally(), noise = ScenarioTally(), f1: [Double] = [], right: [Double] = []
        var contradicted: [String] = []
        for c in Self.cases {
            let o = Self.judge(c)
            for line in o.lines { print("k-class held-out " + line) }
            pair += o.pair; noise += o.noise; f1 += o.f1; right += o.rightClass
            contradicted += o.lines.filter { $0.contains("budget contradicted") }
        }
        print(String(format: "k-class held-out confused-pair: TP %d FP %d FN %d TN %d, precision %.3f, recall %.3f",
                     pair.tp, pair.fp, pair.fn, pair.tn, pair.precision, pair.recall))
        print(String(format: "k-class held-out label-noise: TP %d FP %d FN %d TN %d, precision %.3f, recall %.3f; F1 where it fired %@; drawn class named %@",
                     noise.tp, noise.fp, noise.fn, noise.tn, noise.precision, noise.recall,
                     f1.map { String(format: "%.2f", $0) }.joined(separator: " "), right.map { String(format: "%.2f", $0) }.joined(separator: " ")))
        XCTAssertEqual(contradicted, [], "budget rows against their own evidence")
        XCTAssertGreaterThanOrEqual(pair.precision, 0.8)
        XCTAssertGreaterThanOrEqual(pair.recall, 0.9)
        XCTAssertGreaterThanOrEqual(noise.recall, 0.8)
        XCTAssertGreaterThanOrEqual(noise.precision, 0.4)
        XCTAssertGreaterThanOrEqual(right.min() ?? 0, 0.8, "the class each caught label was drawn with")
    }
}
