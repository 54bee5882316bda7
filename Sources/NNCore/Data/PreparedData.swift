/// A data set with its train/test split and the scaler fit on its training rows:
/// what a network trains and is measured on.
public struct PreparedData: Equatable, Sendable {
    public var dataset: Dataset
    public var split: Split
    public var scaler: Scaler

    /// Fits StandardScaler on the training rows when `scaled` (as the post does), else leaves values raw.
    public init(dataset: Dataset, split: Split, scaled: Bool = true) {
        self.dataset = dataset
        self.split = split
        self.scaler = scaled ? Scaler.fit(dataset.gather(split.train).x, features: dataset.features)
                             : Scaler.identity(features: dataset.features)
    }

    /// The split rows, scaled, in split order.
    public var training: TrainingData {
        let train = dataset.gather(split.train), test = dataset.gather(split.test)
        return TrainingData(xTrain: scaler.transform(train.x), yTrain: train.y,
                            xTest: scaler.transform(test.x), yTest: test.y, features: dataset.features,
                            classes: dataset.classes)
    }
}
