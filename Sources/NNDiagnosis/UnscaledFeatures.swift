import NNCore

/// Features on very different scales, fed in raw: one dominates every weighted sum and the
/// optimizer needs tiny steps for it and large ones for the others.
public struct UnscaledFeatures: Analyzer {
    /// Largest standard deviation over the smallest.
    static let spreadRatio = 10.0
    /// A mean this many standard deviations from 0 (the bias has to undo it).
    static let offset = 5.0

    public init() {}
    public var ids: [String] { ["unscaled-features"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let data = context.data
        guard data.scaler == Scaler.identity(features: data.dataset.features) else { return [] }
        let raw = Scaler.fit(data.dataset.gather(data.split.train).x, features: data.dataset.features)
        let ratio = raw.scale.max()! / raw.scale.min()!
        let shifts = zip(raw.mean, raw.scale).map { abs($0) / $1 }
        let shift = shifts.max()!
        guard ratio > Self.spreadRatio || shift > Self.offset else { return [] }
        let names = data.dataset.featureNames
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
        if shift > Self.offset {
            evidence.append(Evidence("mean_offset", shift,
                                     "\(names[shifted]) sits \(Format.number(shift, digits: 2)) standard deviations away from 0 "
                                        + "(mean \(Format.number(raw.mean[shifted])))"))
        }
        let fix = context.spec.map { spec in Fix.data(spec) { $0.scaled = true } }
            ?? Fix(command: "data load file=PATH.csv scale=on", change: .none)
        return [Finding(
            id: "unscaled-features", severity: .warning,
            headline: "the inputs are on very different scales and are not standardised",
            evidence: evidence,
            why: "A network adds up its inputs with weights, so the widest input drowns out the others until the weights "
                + "adjust, and one learning rate cannot suit both. Standard scaling gives every input mean 0 and spread 1.",
            fixes: [fix])]
    }
}
