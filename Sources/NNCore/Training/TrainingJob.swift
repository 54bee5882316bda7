/// A piece of training described before anything is built, so that a command can weigh it and
/// refuse it up front: `runs` fresh runs of a model on data of a given size, or only passes of the
/// trained model over both splits (what a diagnosis measures).
public struct TrainingJob: Equatable, Sendable {
    public var inputs: Int
    public var hidden: [LayerSpec]
    public var trainRows: Int, testRows: Int
    public var epochs: Int
    public var batch: Int
    /// Fresh runs of the whole job (seeds of a sweep or an experiment).
    public var runs: Int
    /// Passes of the model over both splits besides training (a diagnosis measuring the run).
    public var passes: Int
    /// Classes the output head tells apart (one logit for two, else one per class).
    public var classes: Int

    public init(inputs: Int, hidden: [LayerSpec], trainRows: Int, testRows: Int,
                epochs: Int = 0, batch: Int = 32, runs: Int = 1, passes: Int = 0, classes: Int = 2) {
        self.inputs = inputs
        self.hidden = hidden
        self.trainRows = trainRows
        self.testRows = testRows
        self.epochs = epochs
        self.batch = batch
        self.runs = runs
        self.passes = passes
        self.classes = classes
    }

    /// `config.epochs` epochs of `hidden` on `data`, `runs` times.
    public init(hidden: [LayerSpec], data: TrainingData, config: TrainConfig, runs: Int = 1) {
        self.init(inputs: data.features, hidden: hidden, trainRows: data.yTrain.count, testRows: data.yTest.count,
                  epochs: config.epochs, batch: config.batch, runs: runs, classes: data.classes)
    }

    /// Weights and biases, and batch norm's four values a unit, as `Network` lays them out, counted
    /// without allocating them.
    public var parameters: Int {
        var width = inputs, count = 0
        for units in hidden.map(\.units) + [Network.outputs(classes: classes)] {
            count += (width + 1) * units
            width = units
        }
        return count + hidden.filter(\.batchNorm).reduce(0) { $0 + 4 * $1.units }
    }

    /// Multiply-adds of the whole job. Per epoch: forward and backward through every weight for each training
    /// row (3 per weight), the measurement of both splits after it (1 per weight and row), the optimizer's
    /// step (about 12 per weight per batch: Adam's square root and division) and about 50 per row and pass
    /// whatever the model (gathering, loss, activations). Measured in a release build: two dense256 layers
    /// on 20,000 points, dense32 on 2,000, `model linear` on 20,000 and batch 1 all run at 2.5–3.5e9 of
    /// these per second of CPU; six dense512 layers about three times slower (caches).
    public var multiplyAdds: Double {
        let p = Double(parameters), train = Double(trainRows), all = Double(trainRows + testRows)
        let steps = (Double(trainRows) / Double(max(batch, 1))).rounded(.up)
        let epoch = p * (3 * train + all) + 12 * p * steps + 50 * (train + all)
        let measure = Double(passes) * (p * all + 50 * all)
        return Double(runs) * (Double(epochs) * epoch + measure)
    }
}
