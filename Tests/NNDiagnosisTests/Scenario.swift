import NNCore
@testable import NNDiagnosis

/// A diagnosis context from a data spec and a model trained briefly: debug builds train 10–50×
/// slower than release, so scenarios use as few epochs as show the effect.
enum Scenario {
    static func context(_ spec: DataSpec, hidden: [LayerSpec] = [],
                        lr: Double = 0.01, epochs: Int = 50, seed: UInt32 = 0) -> DiagnosisContext {
        let data = spec.generate()
        var run = TrainingRun(network: Network(inputs: data.prepared.dataset.features, hidden: hidden),
                              config: TrainConfig(learningRate: lr, epochs: epochs, seed: seed))
        let stop = run.train(data.prepared.training, epochs: epochs)
        return DiagnosisContext(data: data.prepared, spec: spec, flipped: data.flipped, run: run, stop: stop)
    }

    /// The seed's Example 3: circles, dense16 relu, lr 0.01, 500 epochs — healthy, 100% on train.
    static let example3 = context(DataSpec(kind: .circles), hidden: [LayerSpec(16, .relu)], lr: 0.01, epochs: 500)
    /// The seed's Example 1: circles with a linear model, stuck near 50%.
    static let example1 = context(DataSpec(kind: .circles), lr: 0.001, epochs: 100)
    /// Clean moons learnt by a hidden layer; blobs by a line.
    static let moons = context(DataSpec(kind: .moons), hidden: [LayerSpec(16, .relu)], lr: 0.01, epochs: 150)
    static let blobs = context(DataSpec(kind: .blobs), lr: 0.01, epochs: 100)

    static var healthy: [DiagnosisContext] { [example3, moons, blobs] }

    /// The findings of `analyzer` at or above `severity`.
    static func findings(_ analyzer: some Analyzer, _ context: DiagnosisContext,
                         atLeast severity: Finding.Severity = .note) -> [Finding] {
        analyzer.analyze(context).filter { $0.severity <= severity }
    }
}

extension Scenario {
    /// A context for data that did not come from a generator (spec nil), as `data load` makes,
    /// with a linear model trained for one epoch.
    static func loaded(_ dataset: Dataset, scaled: Bool = true, test: Double = 0.2) -> DiagnosisContext {
        let data = PreparedData(dataset: dataset, split: .shuffled(count: dataset.count, testFraction: test, seed: 1), scaled: scaled)
        var run = TrainingRun(network: Network(inputs: dataset.features, hidden: []), config: TrainConfig(epochs: 1))
        let stop = run.train(data.training, epochs: 1)
        return DiagnosisContext(data: data, spec: nil, flipped: [], run: run, stop: stop)
    }

    /// F1 of `found` against `truth`.
    static func f1(_ found: [Int], _ truth: [Int]) -> Double {
        let hits = Set(found).intersection(truth).count
        return found.count + truth.count == 0 ? 1 : 2 * Double(hits) / Double(found.count + truth.count)
    }
}
