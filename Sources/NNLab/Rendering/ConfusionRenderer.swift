import NNCore

/// How k classes were told apart, in words and tables: per-class recall and precision, the k × k
/// confusion matrix with the classes' names, and the pair mixed up most. Two-class output keeps its
/// own layout (`evaluate` shows it); these are for three classes and more.
enum ConfusionRenderer {
    /// One row per class: recall on train and test, precision on test, test points.
    static func perClass(train: Evaluation, test: Evaluation, names: [String]) -> String {
        let percent = { (p: Double?) in p.map(Text.percent) ?? "-" }
        let counts = test.confusion.map { $0.reduce(0, +) }
        return TextTable.render([["class", "recall train", "recall test", "precision test", "test points"]]
            + names.indices.map { c in
                [names[c], percent(train.recall[c]), percent(test.recall[c]), percent(test.precision[c]), "\(counts[c])"]
            })
    }

    /// `confusion[actual][predicted]` as a table: a row per actual class, a column per predicted one.
    static func matrix(_ confusion: [[Int]], names: [String], title: String) -> String {
        TextTable.render([[title + " (actual ↓, predicted →)"] + names]
                         + names.indices.map { c in [names[c]] + confusion[c].map(String.init) })
    }

    /// "most confused: versicolor and virginica, 5 of 7 test errors", or that there are none.
    static func mostConfused(_ e: Evaluation, names: [String], split: String) -> String {
        guard let pair = e.mostConfusedPair else { return "no \(split) errors: no pair of classes is confused" }
        let errors = e.n - e.correct
        return "most confused: \(name(pair.first, names)) and \(name(pair.second, names)), \(pair.errors) of \(errors) \(split) errors"
    }

    /// A class in prose: its name, or "class 2" when its name is its number.
    static func name(_ c: Int, _ names: [String]) -> String { names[c] == String(c) ? "class \(c)" : names[c] }

    /// `evaluate format=json`'s k-class additions beside accuracy and loss.
    static func json(_ e: Evaluation) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [("precision", .array(e.precision.map { $0.map(JSON.number) ?? .null }))]
        if let pair = e.mostConfusedPair {
            fields.append(("most_confused", .object([("classes", .integers([pair.first, pair.second])), ("errors", .integer(pair.errors))])))
        }
        return fields
    }
}
