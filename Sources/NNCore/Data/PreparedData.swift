/// A data set with its train/test split, the model's inputs made from it, and the scaler fit on the
/// inputs' training rows: what a network trains and is measured on.
public struct PreparedData: Equatable, Sendable {
    /// The points as generated or loaded (raw columns, unscaled).
    public var dataset: Dataset
    public var split: Split
    /// The model's inputs computed from the raw columns (`features x1 x2 x1^2`); nil: the raw columns.
    public private(set) var features: [FeatureTerm]?
    /// The features' values, computed once from the raw columns (nil without features).
    private var made: Dataset?
    /// The model's inputs, unscaled, one row per point: `dataset` itself, or the features made from it,
    /// always with `dataset`'s labels (which a caller may change).
    public var inputs: Dataset {
        guard var made else { return dataset }
        made.y = dataset.y
        return made
    }
    /// Fit on the inputs' training rows (or the identity, `scale=off`).
    public var scaler: Scaler
    /// Whether the inputs are standardised.
    public private(set) var scaled: Bool

    /// Fits StandardScaler on the training rows when `scaled` (as the post does), else leaves values raw.
    /// Derived inputs are computed from the raw values first and standardised like the raw ones.
    public init(dataset: Dataset, split: Split, scaled: Bool = true, features: [FeatureTerm]? = nil) {
        self.dataset = dataset
        self.split = split
        self.features = features
        self.scaled = scaled
        made = features.map { FeatureTerm.expand(dataset, $0) }
        let inputs = made ?? dataset
        scaler = scaled ? Scaler.fit(inputs.gather(split.train).x, features: inputs.features)
                        : Scaler.identity(features: inputs.features)
    }

    /// The split rows' inputs, scaled, in split order.
    public var training: TrainingData {
        let inputs = inputs, train = inputs.gather(split.train), test = inputs.gather(split.test)
        return TrainingData(xTrain: scaler.transform(train.x), yTrain: train.y,
                            xTest: scaler.transform(test.x), yTest: test.y, features: inputs.features,
                            classes: dataset.classes)
    }

    /// Raw rows (the dataset's columns, row-major) as the model takes them: features made, then scaled.
    public func modelInputs(_ raw: [Double]) -> [Double] {
        guard let features else { return scaler.transform(raw) }
        let rows = Dataset(x: raw, y: Array(repeating: 0, count: raw.count / dataset.features), features: dataset.features,
                           featureNames: dataset.featureNames)
        return scaler.transform(FeatureTerm.expand(rows, features).x)
    }

    /// The same points and split with other inputs (nil: the raw columns), scaled as before.
    public func with(features: [FeatureTerm]?) -> PreparedData {
        PreparedData(dataset: dataset, split: split, scaled: scaled, features: features)
    }

    /// Without the training rows `points` (dataset indices; test rows stay), scaled afresh on the rest.
    public func dropping(_ points: Set<Int>) -> PreparedData {
        PreparedData(dataset: dataset, split: Split(train: split.train.filter { !points.contains($0) }, test: split.test),
                     scaled: scaled, features: features)
    }

    /// With the other of two labels at `points` (dataset indices).
    public func relabelling(_ points: Set<Int>) -> PreparedData {
        relabelling(Dictionary(uniqueKeysWithValues: points.map { ($0, 1 - dataset.y[$0]) }))
    }

    /// With each point (a dataset index) given its label in `labels`.
    public func relabelling(_ labels: [Int: Int]) -> PreparedData {
        var relabelled = dataset
        for (i, label) in labels { relabelled.y[i] = label }
        return PreparedData(dataset: relabelled, split: split, scaled: scaled, features: features)
    }
}
