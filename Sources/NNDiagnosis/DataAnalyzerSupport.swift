import NNCore

/// What the data-side analyzers share: the training rows as they read them, the model's answers
/// on them and a proportion's interval (nearest neighbours: `NeighbourLists`).

/// The training rows standardised afresh (whatever the session's scaling), so that no feature
/// dominates a distance or a simplex pivot, with their labels and dataset indices.
struct StandardRows {
    let x: [Double], y: [Double]
    /// Dataset index of each row.
    let indices: [Int]
    let features: Int
    var count: Int { y.count }
    /// Classes the labels may take.
    let classes: Int
    /// The error of guessing among equal classes, 1 − 1/k: the most a Bayes error can be (0.5 for two classes).
    var chance: Double { classes == 2 ? 0.5 : 1 - 1 / Double(classes) }

    init(_ data: PreparedData) {
        // The model's inputs: with features chosen, the space the model draws its boundary in.
        let train = data.inputs.gather(data.split.train)
        features = data.inputs.features
        x = Scaler.fit(train.x, features: features).transform(train.x)
        y = train.y
        indices = data.split.train
        classes = data.dataset.classes
    }

    /// The same rows with only `kept` features (already standardised, so kept as they are).
    init(_ rows: StandardRows, keeping kept: [Int]) {
        let d = rows.features
        x = (0..<rows.count).flatMap { i in kept.map { rows.x[i * d + $0] } }
        y = rows.y
        indices = rows.indices
        features = kept.count
        classes = rows.classes
    }
}

extension DiagnosisContext {
    /// The current model's answer (its class) for each training row, in split order.
    var trainPredictions: [Double] {
        run.network.predictions(data.training.xTrain).map(Double.init)
    }

    /// How many classes the data has (2 unless generated or loaded with more).
    var classes: Int { data.dataset.classes }

    /// How a finding names class `c`: "class 1" for two classes (as always), else by its name ("virginica"), or
    /// "class 2" when the name is only its number.
    public func className(_ c: Int) -> String {
        let names = data.dataset.classNames
        return classes == 2 || names[c] == String(c) ? "class \(c)" : names[c]
    }

    /// "versicolor or virginica", "class 0, class 1 and class 2".
    func classList(_ classes: [Int], _ conjunction: String = "and") -> String { Format.list(classes.map(className), conjunction) }

    /// The current model on the training rows.
    var trainEvaluation: Evaluation {
        let t = data.training
        return Evaluation(network: run.network, x: t.xTrain, y: t.yTrain)
    }
}

enum Proportion {
    /// A 95% interval for a proportion seen as `s` of `n`: Wilson's centre with the
    /// Agresti–Coull width, which (unlike the plain Wilson interval) reaches 100% for 39/40,
    /// so one miss in a small test set is not read as evidence against a perfect model.
    static func interval(_ s: Int, of n: Int) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let z = 1.959964, size = Double(n) + z * z
        let centre = (Double(s) + z * z / 2) / size
        let half = z * (centre * (1 - centre) / size).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
