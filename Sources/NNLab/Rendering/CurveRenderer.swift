import NNDiagnosis

/// A learning curve in words: the table, the verdict and why, or one line of JSON.
enum CurveRenderer {
    static func text(_ curve: LearningCurve, model: String, seeds: Int) -> String {
        var rows = [["rows", "share", "train", "range", "test", "range"]]
        for s in curve.sizes {
            rows.append([String(s.rows), Text.percent(s.fraction), Text.percent(s.trainMedian), range(s.trainRange),
                         Text.percent(s.testMedian), range(s.testRange)])
        }
        var lines = ["learning curve of \(model): median of \(seeds) seed\(seeds == 1 ? "" : "s") per size, "
                     + "each scored on the same \(curve.testPoints) test points",
                     TextTable.render(rows)]
        if curve.interrupted { lines.append("interrupted: \(curve.sizes.count) sizes done") }
        lines.append("verdict: " + verdict(curve))
        return lines.joined(separator: "\n")
    }

    static func range(_ r: ClosedRange<Double>) -> String {
        let (lo, hi) = (r.lowerBound, r.upperBound)
        return lo == hi ? Text.percent(lo) : "\(Text.percent(lo))–\(Text.percent(hi))"
    }

    /// The verdict and the numbers behind it.
    static func verdict(_ c: LearningCurve) -> String {
        let noise = "more than the \(Text.percent(c.noise)) the seeds and the test set's size make noise"
        switch c.reason {
        case let .rising(rise, from, to):
            return "more data would help: test accuracy still rose \(Text.percent(rise)) over the larger half of the sizes "
                + "(\(noise)), and the train-test gap closed from \(Text.percent(from)) to \(Text.percent(to))"
        case let .flat(gap, irreducible):
            return "more data will not help: train and test accuracy are flat and close (gap \(Text.percent(gap))); "
                + (c.sizes.last?.testMedian == 1 ? "nothing is left to gain on this test set (100%)"
                   : irreducible ? "the error left is about what the data's own overlap forces (irreducible)"
                   : "the model is too simple for the data (more units or layers, not more rows)")
        case let .gapNotClosing(rise, from, to):
            return "cannot tell: test accuracy still rose \(Text.percent(rise)), but the train-test gap did not close "
                + "(\(Text.percent(from)) to \(Text.percent(to)))"
        case .flatWithGap(let gap):
            return "cannot tell: test accuracy has stopped rising while train stays \(Text.percent(gap)) above it; "
                + "more rows may close that gap, or a smaller model or l2 may"
        case .falling(let rise):
            return "cannot tell: test accuracy fell \(Text.percent(-rise)) over the larger half of the sizes"
        case .noisy(let spread):
            return "cannot tell: the seeds disagree by about \(Text.percent(spread)), more than the curve moves; "
                + "try seeds=5, or more test points"
        case .tooFewSizes:
            return "cannot tell: fewer than two sizes finished"
        }
    }

    /// The verdict in a few words with the test accuracy from the smallest to the largest size, as the error budget
    /// cites it: "curve: more data would help (test 82% -> 90% from 25% to 100% of the rows, 3 seeds)".
    static func citation(_ c: LearningCurve) -> String? {
        guard let first = c.sizes.first, let last = c.sizes.last, c.sizes.count >= 2 else { return nil }
        let words: String
        switch c.verdict {
        case .moreDataHelps: words = "more data would help"
        case .flat: words = "more data will not help"
        case .unclear: words = "cannot tell whether more data would help"
        }
        let seeds = last.test.count
        return "curve: \(words) (test \(Text.percent(first.testMedian)) -> \(Text.percent(last.testMedian)) from "
            + "\(Text.percent(first.fraction)) to \(Text.percent(last.fraction)) of the rows, \(seeds) seed\(seeds == 1 ? "" : "s"))"
    }

    static func json(_ c: LearningCurve) -> String {
        JSON.object([
            ("sizes", .numbers(c.sizes.map(\.fraction))),
            ("rows", .integers(c.sizes.map(\.rows))),
            ("train", .numbers(c.sizes.map(\.trainMedian))),
            ("test", .numbers(c.sizes.map(\.testMedian))),
            ("train_min", .numbers(c.sizes.map(\.trainRange.lowerBound))), ("train_max", .numbers(c.sizes.map(\.trainRange.upperBound))),
            ("test_min", .numbers(c.sizes.map(\.testRange.lowerBound))), ("test_max", .numbers(c.sizes.map(\.testRange.upperBound))),
            ("verdict", .string(c.verdict.rawValue)),
            ("reason", .string(verdict(c))),
            ("test_points", .integer(c.testPoints)),
            ("interrupted", .bool(c.interrupted)),
        ]).rendered
    }
}
