import NNDiagnosis

/// The technical words nnlab's reports use, each with a short gloss for its first appearance in a
/// report and a longer story for `explain TERM`.
struct Term: Sendable {
    var id: String
    /// How the term is written in reports; the first one found gets the gloss.
    var phrases: [String]
    /// A few plain words, put in brackets after the term.
    var gloss: String
    var title: String
    var body: String
    var example: [String]

    var explanation: Explanation { Explanation(id: id, title: title, body: body, example: example) }
}

enum Glossary {
    static let terms: [Term] = [
        Term(id: "recall", phrases: ["recall"], gloss: "how many of a class's points the model finds",
             title: "Recall: how many of a class's points the model finds",
             body: """
             The recall of a class is the share of its points that the model labels correctly: 9 of 10 rare \
             points found is a recall of 90%. Accuracy counts every point alike, so when one class is rare a \
             model that never answers it can still score high; the recall of the rare class shows what it \
             misses. evaluate shows the recall of each class beside the accuracy.
             """, example: ["data circles imbalance=0.1", "model linear", "train", "evaluate"]),
        Term(id: "precision", phrases: [], gloss: "how many of the points the model puts in a class belong there",
             title: "Precision: how many of the points the model puts in a class belong there",
             body: """
             The precision of a class is the share of the points the model labels with it that truly are of it: \
             10 points called versicolor of which 8 are is a precision of 80%. Recall asks the other way round \
             (of the class's points, how many are found). A class that swallows its neighbours' points has a high \
             recall and a low precision; evaluate shows both for each class when there are three or more.
             """, example: ["data blobs classes=3 noise=1", "model linear", "train", "evaluate"]),
        Term(id: "interval", phrases: ["95% interval", "one-sided 95%"],
             gloss: "a range that holds the true value in 19 of 20 such cases",
             title: "An interval: how far a number measured on a few points can be off",
             body: """
             A test accuracy measured on 40 points is one draw: 40 other points from the same data would give \
             another number. A 95% interval is the range of values that, computed this way, holds the true \
             accuracy on new points in 19 cases out of 20. One-sided means only one direction is asked about: \
             "at most this much too low". The fewer test points, the wider the interval: with 40 points one \
             mistake is 2.5%.
             """, example: ["data circles", "model dense16 relu", "train", "diagnose", "data circles n=800", "train", "diagnose"]),
        Term(id: "bayes-error", phrases: ["Bayes error"],
             gloss: "the error even a perfect model makes where the classes overlap",
             title: "The Bayes error: what even the best possible model gets wrong",
             body: """
             Where the two classes overlap, the same point can belong to either, and no model can be right \
             about both. The Bayes error is the share of points that even the best possible model gets wrong: \
             the floor under every model's error. For data nnlab generates it is known from how the data was \
             made; for your own data it is estimated from each point's nearest neighbours.
             """, example: ["data gauss", "model dense16 relu", "train", "diagnose"]),
        Term(id: "exact-test", phrases: ["exact test"], gloss: "a proof by linear programming, not an estimate",
             title: "The exact test: proving that no straight line separates the classes",
             body: """
             Whether some straight line puts every training point of one class on one side and every point of \
             the other class on the other is a question with a yes-or-no answer: nnlab asks it of a linear \
             program, which either finds such a line or proves that none exists. It is not a guess from how \
             one training run went.
             """, example: ["data circles", "model linear", "train", "diagnose"]),
        Term(id: "glorot-uniform", phrases: ["Glorot-uniform"], gloss: "random, scaled to the layer's size",
             title: "Glorot-uniform: how the starting weights are drawn",
             body: """
             A network's weights start random, and how big they start matters: too big and the units saturate, \
             too small and the signal fades layer by layer. Glorot-uniform (Keras' default) draws each weight \
             evenly between -l and l, with l = √(6 / (inputs + outputs)) of the layer, which keeps the signal \
             about the same size through the layers. The train seed fixes the draw.
             """, example: ["model dense16 relu", "train seed=1", "train seed=2"]),
        Term(id: "kernel", phrases: ["kernels"], gloss: "the weights that multiply the inputs, not the biases",
             title: "Kernel: a layer's weights",
             body: """
             A dense layer computes inputs × W + b. Keras calls W the kernel and b the bias. A weight penalty \
             (l2) is put on the kernels only: it keeps the weights small, and so the boundary smooth, without \
             holding back the biases that place it.
             """, example: ["train l2=0.01"]),
    ]

    static func gloss(_ id: String) -> String { terms.first { $0.id == id }!.gloss }

    /// `text` with a gloss after the first appearance of each term it uses, unless one follows already.
    static func glossed(_ text: String) -> String {
        var text = text
        for term in terms {
            for phrase in term.phrases {
                guard let range = text.range(of: phrase) else { continue }
                let after = text[range.upperBound...]
                // Already in brackets, "(exact test)": the gloss goes inside, "(exact test: a proof ...)".
                if after.hasPrefix(")") {
                    text.insert(contentsOf: ": \(term.gloss)", at: range.upperBound)
                } else if !after.hasPrefix(" (") && !after.hasPrefix(":") {
                    text.insert(contentsOf: " (\(term.gloss))", at: range.upperBound)
                }
                break
            }
        }
        return text
    }
}
