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
        /// Largest standard deviation over the smallest.
        let ratio: Double
        /// Each feature's mean in its own standard deviations.
        let shifts: [Double]

        var shift: Double { shifts.max()! }
        /// The rule: spread too unequal, or a mean too far from 0.
        var applies: Bool { ratio > UnscaledFeatures.spreadRatio || shift > UnscaledFeatures.offset }
    }

    /// nil when the inputs are standardised.
    static func measure(_ data: PreparedData) -> Measure? {
        guard data.scaler == Scaler.identity(features: data.inputs.features) else { return nil }
        let raw = Scaler.fit(data.inputs.gather(data.split.train).x, features: data.inputs.features)
        return Measure(raw: raw, ratio: raw.scale.max()! / raw.scale.min()!,
                       shifts: zip(raw.mean, raw.scale).map { abs($0) / $1 })
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
        guard let m = Self.measure(data), m.applies else { return [] }
        let raw = m.raw, ratio = m.ratio, shifts = m.shifts
        let names = data.inputs.featureNames
        let widest = raw.scale.indices.max { raw.scale[$0] < raw.scale[$1] }!
        let narrowest = raw.scale.indices.min { raw.scale[$0] < raw.scale[$1] }!
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
            fixes: [Self.scalingFix(context)])]
    }
}
