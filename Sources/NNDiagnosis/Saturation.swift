import NNCore

/// Sigmoid and tanh units pushed so far from zero that they are flat: they pass almost
/// no gradient back and stop learning (DeepDiagnosis' rule).
public struct Saturation: Analyzer {
    /// Beyond |z| = 5 the slope of tanh is below 0.0002 and that of the sigmoid below 0.007.
    static let limit = 5.0
    /// A unit is saturated when it is beyond the limit for more than half of the points;
    /// the finding needs half of the units saturated.
    static let points = 0.5, share = 0.5

    public init() {}
    public var ids: [String] { ["saturation"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let units = context.hiddenUnits([.tanh, .sigmoid]) { z in
            Double(z.filter { abs($0) > Self.limit }.count) > Self.points * Double(z.count)
        }
        guard units.of > 0, Double(units.stuck) >= Self.share * Double(units.of) else { return [] }
        let facts = context.facts
        var fixes = [Fix.model(context.hiddenLayers.map {
            $0.activation == .tanh || $0.activation == .sigmoid ? LayerSpec(units: $0.units, activation: .relu) : $0
        })]
        // Raw inputs in the hundreds saturate any unit at once: scaling them is the real cure.
        if let spec = context.spec, !spec.scaled { fixes.insert(.data(spec) { $0.scaled = true }, at: 0) }
        // Saturated units cost accuracy only where the model falls short of what the data allow on its training
        // points; a fit run whose units sit on tanh's flats (circles at Adam lr 1 or 5: 100% on train) has turned them
        // into steps, which is worth knowing but no warning.
        return [Finding(
            id: "saturation", severity: facts.fallsShort ? .problem : .note,
            headline: "\(units.stuck) of \(units.of) sigmoid or tanh units are saturated: flat, and barely learning",
            evidence: [Evidence("saturated_units", Double(units.stuck),
                                "\(units.stuck) of \(units.of) sigmoid/tanh units have inputs beyond ±5 "
                                + "for more than half of the training points"),
                       facts.trainAccuracyEvidence, context.learningRateEvidence],
            why: "Far from zero a sigmoid or tanh curve is flat: its output barely changes and almost no gradient "
                + "flows back through it, so those weights stop learning. Large inputs or large weights put units there.",
            fixes: fixes)]
    }
}
