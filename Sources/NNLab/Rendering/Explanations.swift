/// The long form of a finding, for `explain ID`: what it means, for a learner who knows
/// a little Python and no theory, and commands that show it happening.
public struct Explanation: Equatable, Sendable {
    public var id: String
    public var title: String
    public var body: String
    /// nnlab commands to type, in order.
    public var example: [String]

    public init(id: String, title: String, body: String, example: [String]) {
        self.id = id
        self.title = title
        self.body = body
        self.example = example
    }
}

public enum Explanations {
    public static func text(for id: String) -> Explanation? {
        all.first { $0.id == id }
    }

    /// One per finding id, in the order DESIGN.md lists them.
    public static let all: [Explanation] = [
        Explanation(
            id: "linear-inseparable", title: "No straight line separates the classes",
            body: """
            A model without hidden layers (`model linear`) can only draw one straight line across the \
            plane and call one side class 0 and the other class 1. When the classes form rings, spirals \
            or a checkerboard, every straight line leaves many points on the wrong side, however long you \
            train. nnlab checks this exactly: it asks whether any line at all puts every training point \
            on its own side. A hidden layer lets the model bend its boundary: each hidden unit draws a \
            line of its own, and the output combines them into a curve.
            """,
            example: ["data circles", "model linear", "train", "plot boundary", "model dense16 relu", "train", "plot boundary"]),
        Explanation(
            id: "underfitting", title: "The model is too simple for the data",
            body: """
            The model gets many training points wrong while the data would allow much better. The training \
            points are the ones the model sees again and again, so missing them is not bad luck. Before \
            blaming the model, nnlab runs a cheap experiment: the same layers trained well (Adam at a sound \
            learning rate, no l2, scaled inputs, for longer). Only when they still fall short is the model \
            too simple for the shape the classes need; otherwise the training held it back, and \
            not-converged says how. More hidden units, or more layers, let the model draw more complicated \
            boundaries.
            """,
            example: ["data spiral", "model dense4 relu", "train epochs=300", "diagnose",
                      "model dense32 relu dense16 relu", "train epochs=300", "diagnose"]),
        Explanation(
            id: "class-imbalance", title: "One class is much rarer than the other",
            body: """
            When nine points in ten belong to one class, a model can score 90% while never recognising the \
            rare class at all. Accuracy then says little; the recall of each class (the share of its points \
            the model finds) says more. Training also pays less attention to the rare class, because its \
            few points add little to the loss. Compare the accuracy with the majority baseline, what you \
            would get by always answering the common class, and look at the recall per class in `evaluate`.
            """,
            example: ["data moons imbalance=0.1", "model dense16 relu", "train", "evaluate", "diagnose"]),
        Explanation(
            id: "predicts-one-class", title: "The model gives the same answer for every point",
            body: """
            Sometimes training ends with a model that answers one class everywhere. Its accuracy is then \
            exactly the share of that class, the majority baseline, which can look respectable when the \
            classes are imbalanced. It almost always means training failed: the steps were too large, the \
            units died, or the model found nothing better than a constant. In `evaluate`, one column of the \
            confusion matrix is empty: the model never predicted that class.
            """,
            example: ["data circles", "model dense16 relu", "train lr=10 optimizer=sgd", "evaluate", "diagnose",
                      "train lr=0.01", "evaluate"]),
        Explanation(
            id: "label-noise", title: "Some training labels look wrong",
            body: """
            Real data contain mistakes: a point labelled 1 that sits deep among the 0s. A model that fits \
            such points bends its boundary around them and does worse on new points; a model that ignores \
            them seems to make errors it did not make. nnlab flags points whose label disagrees with nearly \
            all of their nearest neighbours. With `flip=` you can plant such mistakes yourself and see \
            whether they are found: `data info` lists which labels were flipped.
            """,
            example: ["data circles flip=0.1", "data info", "model dense16 relu", "train", "diagnose", "plot data"]),
        Explanation(
            id: "class-overlap", title: "The classes overlap, so some error cannot be avoided",
            body: """
            When points of both classes share the same region, no boundary separates them: wherever you \
            draw it, some points end up on the wrong side. The smallest error any classifier can reach is \
            called the Bayes error; no model, however big or well trained, beats it on average. For the \
            built-in data nnlab computes it from how the points were made; for your own data it estimates \
            it from each point's nearest neighbours. Errors up to that level are not your model's fault.
            """,
            example: ["data gauss", "model dense16 relu", "train", "diagnose", "data circles noise=0.5", "train", "diagnose"]),
        Explanation(
            id: "small-test-set", title: "The test set is too small to measure accuracy precisely",
            body: """
            Accuracy on a test set is an estimate, and a small test set gives a rough one. With 40 test \
            points each point is worth 2.5%, so one unlucky point moves the score visibly, and two models \
            a few points apart may be equally good. nnlab shows the range the true accuracy most likely \
            lies in (a 95% interval). More points, or a larger test share, narrow it.
            """,
            example: ["data circles n=100 test=0.1", "model dense16 relu", "train", "diagnose",
                      "data circles n=1000 test=0.3", "train", "diagnose"]),
        Explanation(
            id: "oscillating-loss", title: "The loss jumps up and down",
            body: """
            After each batch, training moves the weights one step downhill on the loss. If the steps are \
            too long, they jump over the bottom of the valley and land higher on the other side, again and \
            again, so the loss zigzags instead of settling. nnlab counts sharp rises of the loss over the \
            last part of training. A learning rate ten times smaller usually calms it, or one that decays \
            every epoch (lr_decay=0.99: large steps first, small ones at the end); `plot loss` shows \
            the difference.
            """,
            example: ["data circles", "model dense16 relu", "train lr=10 optimizer=sgd", "plot loss",
                      "train lr=1 optimizer=sgd", "plot loss"]),
        Explanation(
            id: "diverged", title: "Training blew up",
            body: """
            When the steps are far too large, each one overshoots more than the last, the weights grow \
            without limit, and the loss becomes too large for the computer to hold (Python would print \
            nan or inf). nnlab stops training in that epoch and keeps the weights from just before, so you \
            can still look at the model. A smaller learning rate, or scaled inputs, usually fixes it.
            """,
            example: ["data circles", "model dense16 relu", "train lr=10 optimizer=sgd l2=1", "diagnose",
                      "train lr=1 optimizer=sgd l2=1"]),
        Explanation(
            id: "not-converged", title: "Training stopped before it was finished",
            body: """
            The model was not yet as accurate on its training points as the data allow, and the same layers \
            trained well (Adam at a sound learning rate, no l2, scaled inputs, for longer) do fit them: the \
            model is big enough, the training fell short. nnlab names the likeliest cause from the run: the \
            loss still falling when the epochs ran out (`train continue` goes on from where it stopped), \
            steps too small, an l2 penalty too strong, or raw inputs on very different scales. The last \
            suggestion is always the setting the experiment fitted with.
            """,
            example: ["data circles", "model dense16 relu", "train epochs=20", "diagnose", "train continue epochs=500",
                      "evaluate"]),
        Explanation(
            id: "overfitting", title: "The model learned its training points by heart",
            body: """
            A model with many weights can memorise its training points, noise and all, instead of the \
            general shape of the classes. It then does better on the points it trained on than on new \
            ones. Some gap is normal, and a small test set makes gaps look bigger or smaller by chance, so \
            nnlab reports only a gap that the luck of the test set cannot explain, or a test loss that \
            has climbed well past its lowest while the training loss kept falling, and shows the epoch \
            where the test loss was lowest. Early stopping (patience=, which watches a held-out share of \
            the training rows, never the test set), dropout, an l2 penalty that keeps the weights small, \
            or more training points usually help.
            """,
            example: ["data circles noise=0.4", "model dense64 relu dense64 relu", "train lr=0.01 epochs=1000",
                      "diagnose", "train lr=0.01 epochs=1000 patience=20", "evaluate",
                      "model dense64 relu dense64 relu dropout=0.2", "train lr=0.01 epochs=1000 l2=0.01", "evaluate"]),
        Explanation(
            id: "unscaled-features", title: "The inputs have very different scales",
            body: """
            If one input is measured in thousands and another in fractions, the large one dominates the \
            sums inside the network, and one learning rate is too large for some weights and too small \
            for others. Standard scaling subtracts each input's mean and divides by its spread (both \
            measured on the training points), which puts the inputs on an equal footing. nnlab scales by \
            default; `scale=off` shows what happens without it.
            """,
            example: ["data circles scale=off", "model dense16 relu", "train", "diagnose", "data circles", "train"]),
        Explanation(
            id: "dead-relu", title: "Some ReLU units have died",
            body: """
            A ReLU unit passes its input on when it is positive and outputs 0 otherwise. If a large step \
            pushes its weights so that its input is negative for every point, it outputs 0 everywhere, and \
            since its slope there is 0, no learning signal reaches it again: it never recovers. With many \
            units dead the network is much smaller than it looks. A smaller learning rate avoids the big \
            steps; `leaky_relu` keeps a small slope below zero, so units can come back.
            """,
            example: ["data circles", "model dense16 relu", "train lr=1 seed=1", "diagnose",
                      "model dense16 leaky_relu", "train lr=1 seed=1"]),
        Explanation(
            id: "saturation", title: "Sigmoid or tanh units are stuck at their limits",
            body: """
            Sigmoid and tanh squeeze their input into a fixed range. For inputs far from zero (beyond about \
            ±5) the curve is flat: the output hardly changes, and almost no learning signal flows back \
            through the unit, so the weights feeding it stop learning. Large unscaled inputs, or weights \
            grown large by big steps, push units there. Scaled inputs, a smaller learning rate or ReLU \
            units avoid it.
            """,
            example: ["data circles", "model dense16 tanh", "train lr=1", "diagnose", "model dense16 relu", "train lr=1"]),
        Explanation(
            id: "seed-sensitive", title: "The result depends on luck",
            body: """
            The seed decides the random starting weights and the order in which batches are shown. A good \
            setting gives about the same test accuracy whatever the seed; a fragile one gives 100% with one \
            seed and 75% with another. nnlab retrains your setting with a few other seeds and compares. \
            If they disagree by more than the test set can measure, one run is not enough to judge a \
            setting: compare settings over several seeds with `sweep`.
            """,
            example: ["data circles", "model dense16 relu", "train lr=1", "diagnose", "sweep lr=1,0.1,0.01 seeds=5"]),
        Explanation(
            id: "hidden-representation", title: "What the hidden layer did to the points",
            body: """
            The post's Example 2 says a hidden layer lets the network learn a curved boundary. Here is how.             The output layer of every network can only draw one straight line, on whatever the layer below             gives it. No straight line splits the two rings of `data circles`, so `model linear` fails. In             `model dense16 relu` each of the 16 hidden units draws a line of its own across the plane and             outputs how far a point lies on its positive side; `plot units` shows these 16 half-planes.             Together they give each point 16 new coordinates, and in those coordinates the inner ring and             the outer ring lie on two sides of one flat boundary. nnlab checks this exactly, with the same             test as linear-inseparable, on the outputs of each hidden layer for the training points. When a             network fails, the same test names the first layer that leaves the classes tangled (too few             units, or training stopped too soon), or shows that the layers did their part and only the             output layer's line is not found yet.
            """,
            example: ["data circles", "model linear", "train", "diagnose", "model dense16 relu", "train lr=0.01",
                      "plot units", "diagnose", "model dense2 relu", "train epochs=5", "diagnose"]),
        Explanation(
            id: "confused-pair", title: "Two of the classes are mixed up most",
            body: """
            With three or more classes, accuracy alone hides where the mistakes are. The confusion matrix \
            that `evaluate` shows has a row for each true class and a column for each answer; everything off \
            its diagonal is an error. Often most of those sit in two cells: the model tells every other class \
            apart but mixes up two whose points lie close together or overlap. nnlab names that pair when it \
            holds more than half of the test errors (and there are at least three). `plot boundary` shows \
            where the two regions meet; more data near that boundary, or a model that can bend it, helps \
            only if the classes do not truly overlap there.
            """,
            example: ["data gauss classes=3", "model linear", "train lr=0.01", "evaluate", "diagnose", "plot boundary"]),
    ]
}
