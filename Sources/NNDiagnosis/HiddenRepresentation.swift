import NNCore

/// What the hidden layers did to the training points: the exact separability test of `linear-inseparable`
/// run on each hidden layer's outputs. The output layer is a straight line on the last hidden layer's
/// outputs (with three classes or more, one linear score per class: a region with straight edges for each,
/// and the finding also says which classes one line splits off from the rest), so a network can fit its
/// training points only if some layer makes them separable: this says
/// which layer did (the post's Example 2), or which layer first failed to, or that the layers did their
/// part and the output layer has not found its line yet.
public struct HiddenRepresentation: Analyzer {
    /// Tableau cells times pivots the exact test may take per layer, (units + 2)² × (points + units): dense16 on
    /// 16000 points is 5e6; 64 units on 16000 points 7e7, under a second in a release build. Wider layers on
    /// more points are not tested (the finding says so rather than keep the learner waiting).
    static let maximumWork = 1e8

    public init() {}
    public var ids: [String] { ["hidden-representation"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let network = context.run.network
        guard !network.hidden.isEmpty, !context.diverged else { return [] }
        let training = context.data.training, k = context.classes
        let labels = training.yTrain.map { Int($0) }, present = Set(labels).sorted()
        guard present.count >= 2 else { return [] }
        let facts = RunFacts(context)
        let layers = Self.separability(network, training, classes: k, shouldStop: context.shouldStop)
        guard let last = layers.last, let lastSeparable = last.separable else { return [] }
        let input = StandardRows(context.data)
        // The stories below tell the raw inputs from the layers' outputs; without an answer for the inputs, no story.
        let inputTest = Self.separability(input.x, labels, classes: k, features: input.features, kClassProgram: true,
                                          shouldStop: context.shouldStop)
        guard let inputSeparable = inputTest.separable else { return [] }
        let rings = context.spec?.kind == .circles
        // With three classes or more the output layer is one straight-edged region per class, not one line.
        let w = k == 2 ? Words(classes: rings ? "the two rings" : "the two classes",
                               splittable: rings ? "turn the two rings into classes a straight line can split"
                                                 : "make the two classes separable by a straight line",
                               splits: "a straight line splits", alreadySplits: "a straight line already splits", noneSplits: "no straight line splits", line: "the line",
                               drawsSuch: "can be split by a straight line, and the output layer draws exactly such a line",
                               sides: "the classes lie on two sides of one flat boundary", outputLine: "a straight line",
                               outputLines: "the output layer's line gets", among: "the other class")
            : Words(classes: rings ? "the \(k) rings" : "the \(k) classes",
                    splittable: rings ? "turn the \(k) rings into classes straight boundaries can separate"
                                      : "make the \(k) classes separable by straight boundaries",
                    splits: "straight boundaries separate", alreadySplits: "straight boundaries already separate", noneSplits: "no straight boundaries separate", line: "the boundaries",
                    drawsSuch: "can be separated by straight boundaries, and the output layer draws exactly such boundaries "
                        + "(one linear score per class, the largest winning)",
                    sides: "each class lies in a region of its own with flat edges", outputLine: "straight boundaries",
                    outputLines: "the output layer's boundaries get", among: "another class")

        func about(_ l: HiddenLayerTest) -> [Evidence] {
            [Evidence("layer", Double(l.layer), "hidden layer \(l.layer) of \(layers.count)"),
             Evidence("units", Double(l.units), "\(l.units) \(l.activation.rawValue) units"),
             Evidence("separable", flag: l.separable == true,
                      "\(l.separable == true ? w.splits : w.noneSplits) the classes on its outputs (exact test on the \(facts.train.n) training points)")]
                + splitOff(l.splitOff, "its outputs", key: "classes_split_off")
        }
        // Three classes or more: which ones a single straight line splits off from all the others.
        func splitOff(_ off: [Bool]?, _ place: String, key: String) -> [Evidence] {
            guard let off else { return [] }
            let alone = present.filter { off[$0] }, stuck = present.filter { !off[$0] }
            let text = stuck.isEmpty ? "on \(place) a straight line splits each class off from the rest"
                : alone.isEmpty ? "on \(place) no straight line splits any class off from the rest"
                : "on \(place) a straight line splits \(context.classList(alone)) off from the rest; none splits off \(context.classList(stuck, "or"))"
            return [Evidence(key, Double(alone.count), text + " (exact test, each class against the rest)")]
        }
        // The other layers' results, for deeper networks.
        func others(_ cited: Int) -> [Evidence] {
            layers.filter { $0.layer != cited }.compactMap { l in
                l.separable.map { Evidence("layer_\(l.layer)_separable", flag: $0, "layer \(l.layer): \($0 ? "separable" : "not separable")") }
            }
        }
        let inputEvidence = [Evidence("input_separable", flag: inputSeparable,
                                      inputSeparable ? "\(w.alreadySplits) the raw inputs" : "\(w.noneSplits) the raw inputs")]
            + splitOff(inputTest.splitOff, "the raw inputs", key: "input_classes_split_off")
        let note = { (layer: HiddenLayerTest, headline: String, why: String) -> [Finding] in
            [Finding(id: "hidden-representation", severity: .note, headline: headline,
                     evidence: about(layer) + others(layer.layer) + inputEvidence + [facts.trainAccuracyEvidence], why: why)]
        }

        if lastSeparable {
            if facts.fallsShort {
                return note(last, "the hidden layers make the classes separable, but the output layer has not found \(w.line) yet",
                            "The outputs of layer \(last.layer) \(w.drawsSuch), so a perfect fit of the training points is within reach: it is the training that is "
                                + "not finished. More epochs or a larger learning rate usually get there.")
            }
            guard !inputSeparable, let first = layers.first(where: { $0.separable == true }) else { return [] }
            return note(first, "the \(first.units) units of layer \(first.layer) \(w.splittable) (exact test)",
                        "\(w.noneSplits.prefix(1).uppercased() + w.noneSplits.dropFirst()) the raw inputs, but each hidden unit draws a line of its own and bends the plane "
                            + "along it; on the outputs of layer \(first.layer) \(w.sides), "
                            + "which is all the output layer can draw. plot units shows what each unit does.")
        }
        guard let failed = layers.first(where: { $0.separable == false }) else { return [] }
        if facts.fallsShort {
            let story = failed.layer == 1 && !inputSeparable
                ? "the \(failed.units) units of layer 1 leave \(w.classes) tangled: \(w.noneSplits) their outputs (exact test)"
                : "layer \(failed.layer) is the first whose outputs \(k == 2 ? "no straight line can split" : "no straight boundaries can separate") (exact test)"
            let stuck = failed.units - failed.varying
            return note(failed, story,
                        "The output layer can only draw \(w.outputLine) on what the last hidden layer gives it. Layer \(failed.layer) "
                            + "has not pulled the classes apart, so no setting of the output layer can fit every training point. "
                            + (stuck > 0 ? "\(stuck) of its \(failed.units) units give the same output for every training point "
                                + "(dead or saturated), so they cannot help; " : "")
                            + "more units, or longer training, let the layer bend the plane further; plot units shows what its units do.")
        }
        guard !inputSeparable else { return [] }
        // The training error is what the data allows: the layers did their part, the mixed-up points excepted.
        return note(last, "the \(last.units) units of layer \(last.layer) \(w.splittable) but for "
                        + "\(facts.train.wrong) training point\(facts.train.wrong == 1 ? "" : "s")",
                    "\(w.noneSplits.prefix(1).uppercased() + w.noneSplits.dropFirst()) the raw inputs, but the hidden units bend the plane until \(w.outputLines) "
                        + "all but \(facts.train.wrong) training points right; those sit among \(w.among), where the data's "
                        + "noise put them, so no layer should split them off.")
    }

    /// The phrases that differ between two classes (one line) and three or more (a straight-edged region per class).
    struct Words {
        var classes, splittable, splits, alreadySplits, noneSplits, line, drawsSuch, sides, outputLine, outputLines, among: String
    }

    /// One hidden layer's exact test: nil when it would take too long, or its pivots reached the cap.
    struct HiddenLayerTest {
        var layer: Int, units: Int, activation: Activation
        /// Units whose output varies over the training points (not dead, not saturated).
        var varying: Int
        var separable: Bool?
        /// Three classes or more: for each class, whether one straight line splits it off from the rest on the
        /// layer's outputs; nil for two classes or when not tested.
        var splitOff: [Bool]?
    }

    /// Two classes: one straight line. Three or more: one linear model (a straight-edged region per class), and for
    /// each class whether one line splits it off from the rest. Proved without the k-class program where possible:
    /// every class split off from the rest gives a linear model that separates them (each class's line scores only
    /// its own points above 0), and two classes that no line splits apart leave none. Only what that leaves open goes
    /// to the k-class program, and only for the raw inputs (`kClassProgram`): on hidden layers' outputs (dead units'
    /// zeros make it degenerate) it went round to its step cap, 7 s for 16 units and 40 s for 64 on a three-arm spiral.
    static func separability(_ x: [Double], _ labels: [Int], classes k: Int, features d: Int, kClassProgram: Bool,
                             shouldStop: () -> Bool) -> (separable: Bool?, splitOff: [Bool]?) {
        guard k > 2 else { return (Separability.separable(x, labels.map(Double.init), features: d, shouldStop: shouldStop), nil) }
        let present = Set(labels).sorted()
        let off = Separability.splitsOff(x, labels: labels, classes: k, features: d, shouldStop: shouldStop)
        if present.allSatisfy({ off[$0] }) { return (true, off) }
        for (i, a) in present.enumerated() {
            for b in present[(i + 1)...] {
                let rows = labels.indices.filter { labels[$0] == a || labels[$0] == b }
                let pair = rows.flatMap { x[($0 * d)..<($0 * d + d)] }
                if Separability.separable(pair, rows.map { labels[$0] == b ? 1 : 0 }, features: d, shouldStop: shouldStop) == false {
                    return (false, off)
                }
            }
        }
        guard kClassProgram else { return (nil, off) }
        return (Separability.separable(x, labels: labels, classes: k, features: d, shouldStop: shouldStop), off)
    }

    /// `shouldStop` (Ctrl-C) is asked at every pivot.
    static func separability(_ network: Network, _ data: TrainingData, classes k: Int = 2,
                             shouldStop: () -> Bool = { false }) -> [HiddenLayerTest] {
        let n = data.yTrain.count, labels = data.yTrain.map { Int($0) }
        // A network that gets every training point right is itself the proof for its last hidden layer: its output
        // layer is a linear model on those outputs that separates them.
        let fits = k > 2 && network.predictions(data.xTrain) == labels
        return zip(network.hidden, network.hiddenValues(data.xTrain)).enumerated().map { l, pair in
            let (layer, values) = pair
            let columns = varyingStandardised(values.a, width: layer.outputs)
            let d = columns.count
            // With k classes up to k + k(k − 1)/2 two-class programs: each class against the rest, then each pair.
            let work = Double(d + 2) * Double(d + 2) * Double(n + d) * Double(k == 2 ? 1 : k + k * (k - 1) / 2)
            var test: (separable: Bool?, splitOff: [Bool]?) = (nil, nil)
            if work <= maximumWork {
                var x = [Double](repeating: 0, count: n * d)
                for (f, column) in columns.enumerated() { for r in 0..<n { x[r * d + f] = column[r] } }
                test = fits && l == network.hidden.count - 1
                    ? (true, Separability.splitsOff(x, labels: labels, classes: k, features: d, shouldStop: shouldStop))
                    : separability(x, labels, classes: k, features: d, kClassProgram: false, shouldStop: shouldStop)
            }
            return HiddenLayerTest(layer: l + 1, units: layer.outputs, activation: layer.activation, varying: d,
                                   separable: test.separable, splitOff: test.splitOff)
        }
    }

    /// The columns of an `n × width` buffer that vary, each standardised (which changes no line's ability to split
    /// them, and keeps the simplex's pivots well scaled); dead and saturated units drop out.
    static func varyingStandardised(_ a: [Double], width: Int) -> [[Double]] {
        let n = a.count / max(width, 1)
        return (0..<width).compactMap { j in
            let column = (0..<n).map { a[$0 * width + j] }
            let mean = column.reduce(0, +) / Double(max(n, 1))
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(n, 1))).squareRoot()
            guard sd > 1e-12 * Swift.max(1, abs(mean)), sd.isFinite else { return nil }
            return column.map { ($0 - mean) / sd }
        }
    }
}
