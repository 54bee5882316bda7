import NNCore

/// Features on very different scales, fed in raw: one dominates every weighted sum and the
/// optimizer needs tiny steps for it and large ones for the others.
public struct UnscaledFeatures: Analyzer {
    /// Largest standard deviation over the smallest.
    static let spreadRatio = 10.0
    /// A mean this many standard deviations from 0 (the bias has to undo it).
    static let offset = 5.0

    /// The raw training inputs' spread and offsets, when they are fed in unscaled.
    struct Measure {
        let raw: Scaler
        /// Columns with one value on every training row. A constant has no spread to compare and carries nothing
        /// the model can learn from; the scaler's stand-in spread of 1 for it would make up an offset (3.7 read as
        /// "3.7 standard deviations from 0", 7 as 7), and rounding in its mean a spread of 1e-16.
        let constant: [Int]
        /// Largest standard deviation over the smallest, among the columns that vary.
        let ratio: Double
        /// Each varying feature's mean in its own standard deviations (0 for a constant one).
        let shifts: [Double]

        var shift: Double { shifts.max()! }
        /// The rule: spread too unequal, or a mean too far from 0.
        var applies: Bool { ratio > UnscaledFeatures.spreadRatio || shift > UnscaledFeatures.offset }
    }

    /// nil when the inputs are standardised.
    static func measure(_ data: PreparedData) -> Measure? {
        guard data.scaler == Scaler.identity(features: data.inputs.features) else { return nil }
        let d = data.inputs.features, x = data.inputs.gather(data.split.train).x
        let raw = Scaler.fit(x, features: d)
        let constant = (0..<d).filter { j in !stride(from: j, to: x.count, by: d).contains { x[$0] != x[j] } }
        let varying = (0..<d).filter { !constant.contains($0) }
        let spreads = varying.map { raw.scale[$0] }
        return Measure(raw: raw, constant: constant,
                       ratio: spreads.isEmpty ? 1 : spreads.max()! / spreads.min()!,
                       shifts: (0..<d).map { constant.contains($0) ? 0 : abs(raw.mean[$0]) / raw.scale[$0] })
    }

    /// Whether this analyzer speaks up: other analyzers ask before they blame the model or the training.
    static func applies(_ context: DiagnosisContext) -> Bool { measure(context.data)?.applies ?? false }

    /// The data generated again with scaling, or the advice to load the file again with it.
    static func scalingFix(_ context: DiagnosisContext) -> Fix {
        context.spec.map { spec in Fix.data(spec) { $0.scaled = true } } ?? Fix(.scaleLoadedData)
    }

    public init() {}
    public var ids: [String] { ["unscaled-features"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let data = context.data
        guard let m = Self.measure(data) else { return [] }
        let names = data.inputs.featureNames
        // A constant column, said once as what it is: nothing to scale, nothing to learn from.
        let constant = m.constant.isEmpty ? [] : [Finding(
            id: "unscaled-features", severity: .note,
            headline: "\(Format.list(m.constant.map { names[$0] }, "and")) \(m.constant.count == 1 ? "has" : "have") one value on every "
                + "training row: left out of the comparison of scales, and carrying nothing the model can use",
            evidence: [Evidence("constant_columns", Double(m.constant.count), m.constant.map {
                "\(names[$0]) is \(Format.number(m.raw.mean[$0])) on all \(data.split.train.count) training rows"
            }.joined(separator: "; "))],
            why: "A column that never changes cannot tell one point from another: a weight on it only shifts every answer "
                + "alike, as the bias already does. It has no spread to scale either, so it says nothing about the others' scales.")]
        guard m.applies else { return constant }
        let raw = m.raw, ratio = m.ratio, shifts = m.shifts
        let varying = raw.scale.indices.filter { !m.constant.contains($0) }
        let widest = varying.max { raw.scale[$0] < raw.scale[$1] }!
        let narrowest = varying.min { raw.scale[$0] < raw.scale[$1] }!
        let shifted = shifts.indices.max { shifts[$0] < shifts[$1] }!
        var evidence: [Evidence] = []
        if ratio > Self.spreadRatio {
            evidence.append(Evidence("scale_ratio", ratio,
                                     "\(names[widest]) spreads \(Format.number(ratio, digits: 2)) times as wide as "
                                        + "\(names[narrowest]) (standard deviations \(Format.number(raw.scale[widest])) "
                                        + "and \(Format.number(raw.scale[narrowest])))"))
        }
        if m.shift > Self.offset {
            evidence.append(Evidence("mean_offset", m.shift,
                                     "\(names[shifted]) sits \(Format.number(m.shift, digits: 2)) standard deviations away from 0 "
                                        + "(mean \(Format.number(raw.mean[shifted])))"))
        }
        return [Finding(
            id: "unscaled-features", severity: .warning,
            headline: "the inputs are on very different scales and are not standardised",
            evidence: evidence,
            why: "A network adds up its inputs with weights, so the widest input drowns out the others until the weights "
                + "adjust, and one learning rate cannot suit both. Standard scaling gives every input mean 0 and spread 1.",
            fixes: [Self.scalingFix(context)])] + constant
    }
}
