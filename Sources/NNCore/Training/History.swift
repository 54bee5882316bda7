/// What the trainer measured after each epoch, whether or not anything is shown.
public struct EpochRecord: Equatable, Codable, Sendable {
    public var epoch: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testLoss: Double
    public var testAccuracy: Double
    /// Mean L2 norm of the mini-batch gradients during the epoch.
    public var gradientNorm: Double
    /// Share of ReLU units that output zero for every training point.
    public var deadFraction: Double

    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double,
                gradientNorm: Double = 0, deadFraction: Double = 0) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.gradientNorm = gradientNorm
        self.deadFraction = deadFraction
    }
}

public struct History: Equatable, Codable, Sendable {
    public var records: [EpochRecord] = []

    public init(records: [EpochRecord] = []) { self.records = records }

    public var last: EpochRecord? { records.last }

    /// The epoch with the lowest test loss (the first, on ties).
    public var bestTestEpoch: EpochRecord? {
        records.min { $0.testLoss < $1.testLoss }
    }
}
