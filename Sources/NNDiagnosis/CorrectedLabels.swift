import NNCore

/// What wrong training labels cost on test, by experiment: the run's own setting (same layers, settings and seed)
/// trained again on the same points with the labels put right (flipped on purpose in a generated set: flipped back;
/// doubted by label noise in a file: given the other label), and its test accuracy set against the run's.
/// The error budget's wrong-labels row counts the difference. Moons with 30% flips, dense16 relu, lr 0.01: 80% on
/// test, 97.5% with the labels put right.
struct CorrectedLabels {
    /// The labels put right, as dataset indices.
    let points: [Int]
    /// The test accuracy of the same setting trained on the corrected labels.
    let testAccuracy: Double

    /// nil without labels known or doubted to be wrong, with three classes or more (the other label is one of
    /// several), after a blow-up, or when interrupted.
    init?(_ context: DiagnosisContext) {
        guard context.classes == 2, !context.diverged, let points = Self.wrong(context), !points.isEmpty else { return nil }
        let settings = context.settings
        let result = Experiment(hidden: context.hiddenLayers, config: settings)
            .run(on: context.data.relabelling(Set(points)).training, seeds: [settings.seed], shouldStop: context.shouldStop)
        guard !result.interrupted, let run = result.runs.first else { return nil }
        self.points = points
        testAccuracy = run.test.accuracy
    }

    /// The training labels known (generated) or doubted (loaded) to be wrong; nil when there are none to look at.
    static func wrong(_ context: DiagnosisContext) -> [Int]? {
        if context.spec != nil { return context.flipped.isEmpty ? nil : context.flipped }
        guard let doubted = context.doubtedLabels else { return nil }
        let rows = context.relevantNeighbours.rows
        return doubted.positions.map { rows.indices[$0] }
    }
}

extension DiagnosisContext {
    /// `CorrectedLabels` for this run, run on first use.
    var correctedLabels: CorrectedLabels? {
        if let known = shared.correctedLabels { return known }
        let corrected = CorrectedLabels(self)
        shared.correctedLabels = .some(corrected)
        return corrected
    }
}
