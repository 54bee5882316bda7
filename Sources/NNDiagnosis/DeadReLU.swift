import NNCore

/// ReLU units that output 0 for every training point: they get no gradient, so they never
/// come back. The post's lr 1.0 runs lose up to 15 of 16 this way.
public struct DeadReLU: Analyzer {
    /// AUTOTRAINER and DeepDiagnosis warn at 70% dead; half is already half the model gone.
    static let share = 0.5

    public init() {}
    public var ids: [String] { ["dead-relu"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let units = context.hiddenUnits([.relu]) { z in !z.contains { $0 > 0 } }
        guard units.of > 0, Double(units.stuck) >= Self.share * Double(units.of) else { return [] }
        let share = Double(units.stuck) / Double(units.of)
        let facts = context.facts
        var evidence = [Evidence("dead_units", Double(units.stuck),
                                 "\(units.stuck) of \(units.of) ReLU units output 0 for every training point")]
        // The first epoch from which the dead share never fell below today's.
        let records = context.run.history.records
        let since = (records.lastIndex { $0.deadFraction < share - 1e-9 } ?? -1) + 1
        if since < records.count {
            evidence.append(Evidence("dead_since", Double(records[since].epoch),
                                     "that many have been dead since epoch \(records[since].epoch)"))
        }
        evidence += [facts.trainAccuracyEvidence, context.learningRateEvidence]
        let lower = Fix.learningRate(context.settings, times: 0.1), leaky = Fix.leaky(context.hiddenLayers)
        return [Finding(
            id: "dead-relu", severity: facts.fallsShort ? .problem : .warning,
            headline: "\(units.stuck) of \(units.of) ReLU units have died: they output 0 for every point",
            evidence: evidence,
            why: "A ReLU unit whose input is negative for every point outputs 0 and passes no gradient back, "
                + "so training can never revive it. Large steps often knock units there; leaky ReLU keeps a small slope below 0.",
            fixes: context.run.config.learningRate > 0.01 ? [lower, leaky] : [leaky, lower])]
    }
}
