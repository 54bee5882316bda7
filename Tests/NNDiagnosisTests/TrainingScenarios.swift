import NNCore
@testable import NNDiagnosis

/// Trained sessions for the training-side tests, each trained once per test run. Debug builds
/// train 10–50× slower than release, so most scenarios are small; the seed's examples are full size.
enum TrainingScenarios {
    static let relu16 = [LayerSpec(units: 16, activation: .relu)]

    static func context(_ hidden: [LayerSpec], _ config: TrainConfig,
                        data spec: DataSpec = DataSpec(kind: .circles)) -> DiagnosisContext {
        let data = spec.generate()
        var run = TrainingRun(network: Network(inputs: data.prepared.dataset.features,
                                               hidden: hidden),
                              config: config)
        let stop = run.train(data.prepared.training, epochs: config.epochs)
        return DiagnosisContext(data: data.prepared, spec: data.spec, flipped: data.flipped, run: run, stop: stop)
    }

    /// The seed's three examples: a line, then 16 ReLU units at lr 0.001 and 0.01, 500 epochs each.
    static let example1 = context([], TrainConfig())
    static let example2 = context(relu16, TrainConfig())
    static let example3 = context(relu16, TrainConfig(learningRate: 0.01))

    /// The seed's hidden layer stopped after 20 epochs, still at the start of its descent.
    static let stoppedEarly = context(relu16, TrainConfig(epochs: 20))
    /// Plain SGD with steps of 10: the loss zigzags and every ReLU unit dies by epoch 2.
    static let hugeSteps = context(relu16, TrainConfig(learningRate: 10, epochs: 30, optimizer: .sgd))
    /// SGD with steps of 10 and l2 = 1: the weight decay overshoots, the weights grow ×19 a step
    /// and the loss overflows in epoch 24.
    static let blowUp = context(relu16, TrainConfig(learningRate: 10, epochs: 100, optimizer: .sgd, l2: 1))
    /// Four ReLU units at lr 0.1: seed 1 ends 100% on train and 90% on test, seed 5 is
    /// 90% where seeds 6–8 get 97.5–100%.
    static func fourUnits(seed: UInt32) -> DiagnosisContext {
        context([LayerSpec(units: 4, activation: .relu)], TrainConfig(learningRate: 0.1, epochs: 100, seed: seed))
    }

    static func tanh16(_ spec: DataSpec = DataSpec(kind: .circles), learningRate: Double) -> DiagnosisContext {
        context([LayerSpec(units: 16, activation: .tanh)], TrainConfig(learningRate: learningRate, epochs: 50), data: spec)
    }

    /// Every analyzer of this file set, in the order the registry is likely to list them.
    static let trainingAnalyzers: [any Analyzer] = [
        Underfitting(), OscillatingLoss(), Diverged(), NotConverged(), Overfitting(), DeadReLU(), Saturation(), SeedSensitive(),
    ]
}
