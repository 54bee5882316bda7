import NNCore

/// A setting to train from scratch: layers, train settings and data, each as in the
/// session unless a fix changes it. Equatable, so one experiment runs once per verify.
struct Experiment: Equatable {
    var hidden: [LayerSpec]
    var config: TrainConfig
    /// Regenerated data; nil trains on the session's data.
    var spec: DataSpec?

    init(_ context: DiagnosisContext, _ change: Fix.Change = .none) {
        hidden = context.hiddenLayers
        config = context.settings
        switch change {
        case .model(let layers): hidden = layers
        case .train(let settings): config = settings
        case .data(let regenerated): spec = regenerated
        case .none: break
        }
    }

    /// Test accuracy of a fresh run per train seed, nil when `shouldStop` interrupts one.
    func testAccuracies(on context: DiagnosisContext, seeds: [UInt32], shouldStop: () -> Bool = { false }) -> [Double]? {
        let data = spec?.generate().prepared.training ?? context.data.training
        var accuracies: [Double] = []
        for seed in seeds {
            var config = self.config
            config.seed = seed
            var run = TrainingRun(network: Network(inputs: data.features, hidden: hidden),
                                  config: config)
            // A run that blows up keeps its last finite weights, and those are what it scores.
            if case .interrupted = run.train(data, epochs: config.epochs, shouldStop: shouldStop) { return nil }
            accuracies.append(Evaluation(network: run.network, x: data.xTest, y: data.yTest).accuracy)
        }
        return accuracies
    }
}
