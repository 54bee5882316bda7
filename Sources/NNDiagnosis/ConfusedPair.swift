import NNCore

/// With three or more classes, the errors often sit between two of them: which pair, and how many of the
/// errors that is, read off the test confusion matrix (the training one without a test set).
public struct ConfusedPair: Analyzer {
    /// Fewer errors than this are too few to have a pattern.
    static let minimumErrors = 3

    public init() {}
    public var ids: [String] { ["confused-pair"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard context.classes > 2, !context.diverged else { return [] }
        let facts = context.facts
        let (evaluation, split) = facts.test.n > 0 ? (facts.test, "test") : (facts.train, "training")
        let errors = evaluation.n - evaluation.correct
        // One pair holding most of the errors; with errors spread over every pair no two classes stand out.
        guard errors >= Self.minimumErrors, let pair = evaluation.mostConfusedPair, 2 * pair.errors > errors else { return [] }
        let (a, b) = (context.className(pair.first), context.className(pair.second))
        let forward = evaluation.confusion[pair.first][pair.second], backward = evaluation.confusion[pair.second][pair.first]
        let recall = evaluation.recall.map { $0 ?? 0 }
        return [Finding(
            id: "confused-pair", severity: .note,
            headline: "most \(split) errors are between \(a) and \(b): \(pair.errors) of \(errors)",
            evidence: [
                Evidence("pair_errors", Double(pair.errors),
                         "\(a) and \(b): \(pair.errors) of \(errors) \(split) errors (\(forward) \(a) taken for \(b), "
                            + "\(backward) the other way)"),
                Evidence("pair_recall", min(recall[pair.first], recall[pair.second]),
                         "the model finds \(Format.percent(recall[pair.first])) of \(a) and \(Format.percent(recall[pair.second])) "
                            + "of \(b) on \(split)"),
            ],
            why: "The model tells the other classes apart but mixes these two up: their points lie close together or "
                + "overlap, so the boundary between them is where the accuracy goes.")]
    }
}
