import NNCore

/// One class much rarer than the other (with k classes, than the commonest): accuracy then flatters a model
/// that neglects it, so this shows the majority baseline and the recall of each class.
public struct ClassImbalance: Analyzer {
    /// deepchecks warns at a 1:10 ratio; below 30% of rows the baseline already reaches 70%.
    static let minorityShare = 0.3
    /// Missing more than half of the rare class is a problem, whatever the accuracy says.
    static let poorRecall = 0.5

    public init() {}
    public var ids: [String] { ["class-imbalance"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        let counts = context.data.dataset.counts(of: context.data.split.train)
        let total = counts.reduce(0, +)
        // The rarest class against the commonest: for two classes, its share of the rows.
        let minority = counts.count == 2 ? (counts[0] < counts[1] ? 0 : 1) : counts.indices.min { counts[$0] < counts[$1] }!
        let majority = counts.count == 2 ? 1 - minority : counts.indices.max { counts[$0] < counts[$1] }!
        guard total > 0, Double(counts[minority]) < Self.minorityShare * Double(counts[minority] + counts[majority]) else { return [] }
        let train = context.trainEvaluation
        let recall = train.recall.map { $0 ?? 0 }
        let poor = recall[minority] < Self.poorRecall
        let share = Double(counts[minority]) / Double(total)
        let baseline = counts.count == 2 ? 1 - share : Double(counts[majority]) / Double(total)
        let (rare, common) = (context.className(minority), context.className(majority))
        let others = counts.indices.filter { $0 != minority }
        let found = "it finds \(Format.percent(recall[minority])) of \(rare)"
            + (counts.count == 2 ? " and \(Format.percent(recall[majority])) of \(common)"
                : ", against " + Format.list(others.map { "\(Format.percent(recall[$0])) of \(context.className($0))" }, "and"))
        // Weighting the classes works on any data (and is worth it while the rare class is found less often);
        // generating the data balanced only on a built-in set.
        var fixes: [Fix] = []
        if context.settings.classWeight == .none, recall[minority] < recall[majority] { fixes.append(.train(context.settings) { $0.classWeight = .balanced }) }
        if let spec = context.spec { fixes.append(.data(spec) { $0.imbalance = 1 }) }
        return [Finding(
            id: "class-imbalance", severity: poor ? .problem : .warning,
            headline: poor ? "the model misses most of the rare \(counts.count == 2 || rare.hasPrefix("class") ? rare : "class \(rare)")"
                           : "\(rare) is rare, so accuracy says little about it",
            evidence: [
                Evidence("minority_share", share,
                         "\(rare) is \(counts[minority]) of \(total) training points (\(Format.percent(share)))"),
                Evidence("majority_baseline", baseline,
                         "always answering \(common) would already get \(Format.percent(baseline)) on train"),
                Evidence("train_accuracy", train.accuracy, "the model gets \(Format.percent(train.accuracy)) on train"),
                Evidence("minority_recall", recall[minority], found),
            ],
            why: "When one class is rare, a model can score well by mostly answering the common class, and "
                + "its mistakes on the rare class hardly move the loss. Look at how much of each class it finds, "
                + "not only at accuracy. Weighting each class by how rare it is makes its mistakes count as much.",
            fixes: fixes, measure: .recall(class: minority))]
    }
}
