import NNCore

/// What the hidden layers did to the training points: the exact separability test of `linear-inseparable`
/// run on each hidden layer's outputs. The output layer is a straight line on the last hidden layer's
/// outputs, so a network can fit its training points only if some layer makes them separable: this says
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
        let training = context.data.training
        guard Set(training.yTrain).count == 2 else { return [] }
        let facts = RunFacts(context)
        let layers = Self.separability(network, training, shouldStop: context.shouldStop)
        guard let last = layers.last, let lastSeparable = last.separable else { return [] }
        let input = StandardRows(context.data)
        // The stories below tell the raw inputs from the layers' outputs; without an answer for the inputs, no story.
        guard let inputSeparable = Separability.separable(input.x, input.y, features: input.features, shouldStop: context.shouldStop)
        else { return [] }
        let rings = context.spec?.kind == .circles
        let classes = rings ? "the two rings" : "the two classes"
        // "turn the two rings into classes a straight line can split", or for other data "make the two classes separable by a straight line"
        let splittable = rings ? "turn the two rings into classes a straight line can split" : "make the two classes separable by a straight line"

        func about(_ l: HiddenLayerTest) -> [Evidence] {
            [Evidence("layer", Double(l.layer), "hidden layer \(l.layer) of \(layers.count)"),
             Evidence("units", Double(l.units), "\(l.units) \(l.activation.rawValue) units"),
             Evidence("separable", flag: l.separable == true,
                      l.separable == true ? "a straight line splits the classes on its outputs (exact test on the \(facts.train.n) training points)"
                                          : "no straight line splits the classes on its outputs (exact test on the \(facts.train.n) training points)")]
        }
        // The other layers' results, for deeper networks.
        func others(_ cited: Int) -> [Evidence] {
            layers.filter { $0.layer != cited }.compactMap { l in
                l.separable.map { Evidence("layer_\(l.layer)_separable", flag: $0, "layer \(l.layer): \($0 ? "separable" : "not separable")") }
            }
        }
        let inputEvidence = Evidence("input_separable", flag: inputSeparable,
                                     inputSeparable ? "a straight line already splits the raw inputs" : "no straight line splits the raw inputs")
        let note = { (layer: HiddenLayerTest, headline: String, why: String) -> [Finding] in
            [Finding(id: "hidden-representation", severity: .note, headline: headline,
                     evidence: about(layer) + others(layer.layer) + [inputEvidence, facts.trainAccuracyEvidence], why: why)]
        }

        if lastSeparable {
            if facts.fallsShort {
                return note(last, "the hidden layers make the classes separable, but the output layer has not found the line yet",
                            "The outputs of layer \(last.layer) can be split by a straight line, and the output layer draws exactly "
                                + "such a line, so a perfect fit of the training points is within reach: it is the training that is "
                                + "not finished. More epochs or a larger learning rate usually get there.")
            }
            guard !inputSeparable, let first = layers.first(where: { $0.separable == true }) else { return [] }
            return note(first, "the \(first.units) units of layer \(first.layer) \(splittable) (exact test)",
                        "No straight line splits the raw inputs, but each hidden unit draws a line of its own and bends the plane "
                            + "along it; on the outputs of layer \(first.layer) the classes lie on two sides of one flat boundary, "
                            + "which is all the output layer can draw. plot units shows what each unit does.")
        }
        guard let failed = layers.first(where: { $0.separable == false }) else { return [] }
        if facts.fallsShort {
            let story = failed.layer == 1 && !inputSeparable
                ? "the \(failed.units) units of layer 1 leave \(classes) tangled: no straight line splits their outputs (exact test)"
                : "layer \(failed.layer) is the first whose outputs no straight line can split (exact test)"
            let stuck = failed.units - failed.varying
            return note(failed, story,
                        "The output layer can only draw a straight line on what the last hidden layer gives it. Layer \(failed.layer) "
                            + "has not pulled the classes apart, so no setting of the output layer can fit every training point. "
                            + (stuck > 0 ? "\(stuck) of its \(failed.units) units give the same output for every training point "
                                + "(dead or saturated), so they cannot help; " : "")
                            + "more units, or longer training, let the layer bend the plane further; plot units shows what its units do.")
        }
        guard !inputSeparable else { return [] }
        // The training error is what the data allows: the layers did their part, the mixed-up points excepted.
        return note(last, "the \(last.units) units of layer \(last.layer) \(splittable) but for "
                        + "\(facts.train.wrong) training point\(facts.train.wrong == 1 ? "" : "s")",
                    "No straight line splits the raw inputs, but the hidden units bend the plane until the output layer's line "
                        + "gets all but \(facts.train.wrong) training points right; those sit among the other class, where the data's "
                        + "noise put them, so no layer should split them off.")
    }

    /// One hidden layer's exact test: nil when it would take too long, or its pivots reached the cap.
    struct HiddenLayerTest {
        var layer: Int, units: Int, activation: Activation
        /// Units whose output varies over the training points (not dead, not saturated).
        var varying: Int
        var separable: Bool?
    }

    /// `shouldStop` (Ctrl-C) is asked at every pivot.
    static func separability(_ network: Network, _ data: TrainingData, shouldStop: () -> Bool = { false }) -> [HiddenLayerTest] {
        let n = data.yTrain.count
        return zip(network.hidden, network.hiddenValues(data.xTrain)).enumerated().map { l, pair in
            let (layer, values) = pair
            let columns = varyingStandardised(values.a, width: layer.outputs)
            let d = columns.count
            let work = Double(d + 2) * Double(d + 2) * Double(n + d)
            var separable: Bool?
            if work <= maximumWork {
                var x = [Double](repeating: 0, count: n * d)
                for (f, column) in columns.enumerated() { for r in 0..<n { x[r * d + f] = column[r] } }
                separable = Separability.separable(x, data.yTrain, features: d, shouldStop: shouldStop)
            }
            return HiddenLayerTest(layer: l + 1, units: layer.outputs, activation: layer.activation, varying: d, separable: separable)
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
