import Foundation
import NNCore
import XCTest
@testable import NNDiagnosis

/// Issue 4's measure: truthfulness, not the number of findings. One table of scenarios, each a data set,
/// a model and a train setting with, for every finding id, what `Doctor.standard` must do there; the
/// judgements over all (scenario, id) pairs give a precision and a recall, printed and asserted.
///
/// Measured when written (124 scenarios, 1840 judgements, about 7 s in a debug build): precision 0.983,
/// recall 0.991. Three of its mismatches were then fixed, each now a normal expectation below:
/// - tiny steps (lr 0.0001, 5–100 epochs) fell 0.2–0.4% per tenth of the run, hundreds of standard errors
///   strong, but LossTrend wanted a 0.5% drop to call it falling: now the pace projected over the further
///   training counts, so not-converged fires and underfitting stays quiet;
/// - moons shifted +40, raw: underfitting blamed the model's size where scaling alone gets 100%: it now names
///   the raw inputs and suggests scaling first;
/// - Example 3's setting on data seeds 5 and 8: 3 test misses of 40 (92.5%, 0 train misses) gave Fisher
///   p 0.0075, so overfitting fired while the error budget put all 7.5% in sampling noise: overfitting now
///   asks the test set alone (the budget's own margin), or for a test loss that climbed well past its lowest.
/// With them fixed and the lesson's runs and tiny steps at 5, 20 and 50 epochs added (129 scenarios, 1915
/// judgements): precision 1.000, recall 0.996; the one miss, gauss with 10% flips, where label-noise waited for
/// 3 × 15.6% × 160 = 75 suspects, is now a note saying that the overlap hides the flips.
final class ScenarioSuiteTests: XCTestCase {
    /// What one id must do in one scenario.
    enum Expect: Equatable {
        /// Must fire as a problem or a warning.
        case fires
        /// Must fire at any severity (for the analyzers that only ever write notes).
        case notes
        /// Must not fire as a problem or a warning; a note is fine. The default.
        case quiet
        /// Must not fire at all, not even as a note.
        case silent
        /// Not judged: either answer is defensible here (say why where it is used).
        case ignored
    }

    struct Scenario {
        let name: String
        let make: () -> DiagnosisContext
        let expect: [String: Expect]

        /// `fires` and `notes` must fire, `silent` must not even write a note, `ignored` is not judged;
        /// every other id must stay quiet.
        init(_ name: String, fires: [String] = [], notes: [String] = [], silent: [String] = [], ignored: [String] = [],
             _ make: @escaping () -> DiagnosisContext) {
            self.name = name
            self.make = make
            var expect: [String: Expect] = [:]
            for (ids, e) in [(fires, Expect.fires), (notes, .notes), (silent, .silent), (ignored, .ignored)] {
                for id in ids {
                    precondition(expect[id] == nil, "\(name): \(id) listed twice")
                    expect[id] = e
                }
            }
            self.expect = expect
        }

        func expectation(_ id: String) -> Expect { expect[id] ?? .quiet }
    }

    /// The contract's ids, in the DESIGN's order.
    static let ids = [
        "linear-inseparable", "underfitting", "class-imbalance", "predicts-one-class", "label-noise", "class-overlap",
        "small-test-set", "oscillating-loss", "diverged", "not-converged", "overfitting", "unscaled-features",
        "dead-relu", "saturation", "seed-sensitive", "hidden-representation", "confused-pair",
    ]
    /// Analyzers that only ever write notes: staying quiet means `silent` for them.
    static let noteOnly: Set<String> = ["small-test-set"]

    // MARK: Building sessions

    static func dense(_ units: Int, _ activation: Activation) -> LayerSpec { LayerSpec(units: units, activation: activation) }
    static let relu16 = [dense(16, .relu)]

    static func train(_ data: PreparedData, spec: DataSpec?, flipped: [Int], _ hidden: [LayerSpec],
                      _ config: TrainConfig) -> DiagnosisContext {
        var run = TrainingRun(network: Network(inputs: data.dataset.features, hidden: hidden, classes: data.dataset.classes),
                              config: config)
        let stop = run.train(data.training, epochs: config.epochs)
        return DiagnosisContext(data: data, spec: spec, flipped: flipped, run: run, stop: stop)
    }

    /// A generated data set, as `data KIND ...` makes it.
    static func generated(_ spec: DataSpec, _ hidden: [LayerSpec], _ config: TrainConfig) -> DiagnosisContext {
        let data = spec.generate()
        return train(data.prepared, spec: spec, flipped: data.flipped, hidden, config)
    }

    /// Data from outside (spec nil), as `data load` makes it: moons (seed 42) with x2 times `factor`,
    /// split as the seed does.
    static func loaded(stretch factor: Double, shift: Double = 0, scaled: Bool, _ hidden: [LayerSpec],
                       _ config: TrainConfig) -> DiagnosisContext {
        var dataset = DataSpec(kind: .moons).generate().prepared.dataset
        for i in 0..<dataset.count { dataset.x[2 * i + 1] = dataset.x[2 * i + 1] * factor + shift }
        let split = Split.shuffled(count: dataset.count, testFraction: 0.2, seed: 42)
        return train(PreparedData(dataset: dataset, split: split, scaled: scaled), spec: nil, flipped: [], hidden, config)
    }

    /// Three classes as `data load` makes them (spec nil): setosa at (−4, 0), versicolor at (0, 0) and virginica at
    /// (1.5, 0), 80 points each with spread 0.6, split as the seed does.
    static func irisLike(_ config: TrainConfig) -> DiagnosisContext {
        var rng = RandomState(seed: 11)
        let centres = [-4.0, 0, 1.5]
        var x: [Double] = [], y: [Int] = []
        for i in 0..<240 {
            x += [centres[i % 3] + 0.6 * rng.normal(), 0.6 * rng.normal()]
            y.append(i % 3)
        }
        let dataset = Dataset(x: x, y: y, features: 2, classNames: ["setosa", "versicolor", "virginica"])
        let split = Split.shuffled(count: dataset.count, testFraction: 0.2, seed: 42)
        return train(PreparedData(dataset: dataset, split: split, scaled: true), spec: nil, flipped: [], [], config)
    }

    // MARK: The table

    /// Runs where nothing is wrong: no problem or warning may appear (issue 4's first target), asserted one by one.
    static let healthy: Set<String> = [
        "example 3", "example 2", "clean moons", "blobs, linear", "xor, dense16 relu", "moons n=1000", "circles test=0.5",
        "circles scale=off", "moons scale=off tanh", "moons loaded", "x2 ×1000, scaled", "circles tanh lr 0.01", "spiral 32-16",
        "circles n=60", "circles momentum", "circles rmsprop", "circles sgd lr 0.1",
    ]
    /// Data (or train) seeds of the seed families: the same settings on other draws, scored but not asserted one by one.
    static let seeds: [UInt32] = Array(1...8)

    static let scenarios: [Scenario] = named + seedFamilies

    static let named: [Scenario] = [
        // Healthy runs: nothing but notes. A test set of 40 points at 100% is known only to ±5 points: the
        // small-test-set note is true there (from 42 points at 100% the interval is just narrow enough).
        Scenario("example 3", notes: ["small-test-set", "hidden-representation"], silent: ["class-overlap", "label-noise"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.01))
        },
        Scenario("example 2", notes: ["small-test-set"], silent: ["class-overlap", "label-noise"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig())
        },
        Scenario("clean moons", notes: ["small-test-set"], silent: ["class-overlap", "label-noise"]) {
            generated(DataSpec(kind: .moons), relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },
        Scenario("blobs, linear", notes: ["small-test-set"], silent: ["class-overlap", "label-noise", "linear-inseparable"]) {
            generated(DataSpec(kind: .blobs), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("xor, dense16 relu", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .xor), relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },
        Scenario("spiral 32-16", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .spiral), [dense(32, .relu), dense(16, .relu)], TrainConfig(learningRate: 0.01))
        },
        // 200 test points at ~100% measure accuracy to ±1.5 points: no caveat needed.
        Scenario("moons n=1000", silent: ["small-test-set", "class-overlap", "label-noise"]) {
            generated(DataSpec(kind: .moons, n: 1000), relu16, TrainConfig(learningRate: 0.01, epochs: 100))
        },
        Scenario("circles n=60", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, n: 60), relu16, TrainConfig(learningRate: 0.01))
        },
        // The built-in sets are on one scale already: leaving them raw is not worth a warning.
        Scenario("circles scale=off", notes: ["small-test-set"], silent: ["unscaled-features"]) {
            generated(DataSpec(kind: .circles, scaled: false), relu16, TrainConfig(learningRate: 0.01))
        },
        Scenario("moons scale=off tanh", notes: ["small-test-set"], silent: ["unscaled-features", "saturation"]) {
            generated(DataSpec(kind: .moons, scaled: false), [dense(16, .tanh)], TrainConfig(learningRate: 0.01, epochs: 300))
        },
        // Three classes from a file, iris-like: setosa far off, versicolor and virginica overlapping. A line splits
        // setosa off and the best lines do about what the overlap allows; most test errors are the overlapping pair's.
        // Label noise is not judged: a 7-NN vote takes a few overlap points for flipped labels (issue 12's to grade).
        Scenario("iris-like, linear", notes: ["confused-pair"], ignored: ["label-noise", "class-overlap", "small-test-set"]) {
            irisLike(TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("three blobs, linear", notes: ["small-test-set"], silent: ["confused-pair", "linear-inseparable"]) {
            generated(DataSpec(kind: .blobs, classes: 3), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        // Loaded data (no spec: the Bayes error comes from neighbours), standardised.
        Scenario("moons loaded", notes: ["small-test-set"], silent: ["unscaled-features"]) {
            loaded(stretch: 1, scaled: true, relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },
        Scenario("circles tanh lr 0.01", notes: ["small-test-set"], silent: ["saturation"]) {
            generated(DataSpec(kind: .circles), [dense(16, .tanh)], TrainConfig(learningRate: 0.01, epochs: 300))
        },
        // 100 test points, all right: known to ±2 points, no caveat.
        Scenario("circles test=0.5", silent: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, test: 0.5), relu16, TrainConfig(learningRate: 0.01))
        },
        Scenario("x2 ×1000, scaled", notes: ["small-test-set"], silent: ["unscaled-features"]) {
            loaded(stretch: 1000, scaled: true, relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },
        Scenario("circles momentum", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.01, optimizer: .momentum))
        },
        Scenario("circles rmsprop", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.01, optimizer: .rmsprop))
        },
        Scenario("circles sgd lr 0.1", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.1, optimizer: .sgd))
        },
        // Wider noise on xor (overlap a few percent: a note), learnt as well as it can be.
        Scenario("xor noise 0.6", notes: ["small-test-set", "class-overlap"]) {
            generated(DataSpec(kind: .xor, noise: 0.6), relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },

        // A line where a curve is needed.
        Scenario("example 1", fires: ["linear-inseparable", "underfitting"], notes: ["small-test-set"],
                 silent: ["label-noise", "class-imbalance", "class-overlap"]) {
            generated(DataSpec(kind: .circles), [], TrainConfig())
        },
        // Same split as example 1, thinner rings: the line is as lost, and 30% on test is where it happens to cut.
        Scenario("circles noise 0.1, linear", fires: ["linear-inseparable", "underfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, noise: 0.1), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("xor, linear", fires: ["linear-inseparable", "underfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .xor), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        // The best line through moons gets about 88%: short of the 100% a curve gets.
        Scenario("moons, linear", fires: ["linear-inseparable", "underfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        // Two ReLU units cannot close a ring around the inner circle.
        Scenario("circles, dense2 relu", fires: ["underfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), [dense(2, .relu)], TrainConfig(learningRate: 0.01))
        },
        // A hidden layer too small for two spiral arms.
        Scenario("spiral, dense4 relu", fires: ["underfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .spiral), [dense(4, .relu)], TrainConfig(learningRate: 0.01, epochs: 300))
        },
        // Overlap is not a model fault: the best line is as good as anything, and overlap is not label noise.
        Scenario("gauss, linear", fires: ["class-overlap"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .gauss), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("gauss, dense16 relu", fires: ["class-overlap"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .gauss), relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },
        // 84% on 200 test points is known to ±5 points: right at the note's edge, either answer is fair.
        Scenario("gauss n=1000, linear", fires: ["class-overlap"], ignored: ["small-test-set"]) {
            generated(DataSpec(kind: .gauss, n: 1000), [], TrainConfig(learningRate: 0.01, epochs: 100))
        },
        // Noisier rings (4.9% overlap, a note): 16 ReLU units at lr 0.01 fit every training point and lose
        // on test (100% vs 82.5%, test loss lowest at epoch 109 of 500). Issue 12: 5-fold cross-validation on the 160
        // training rows does not show that gap beyond chance, so the 40 test points alone carried it: not judged.
        Scenario("circles noise 0.3", notes: ["small-test-set", "class-overlap"], ignored: ["overfitting"]) {
            generated(DataSpec(kind: .circles, noise: 0.3), relu16, TrainConfig(learningRate: 0.01))
        },

        // Training that went wrong.
        Scenario("stopped early", fires: ["not-converged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(epochs: 20))
        },
        // Tiny steps: still falling after 100 epochs, and where it stands depends on the seed (52.5–90% on test).
        Scenario("moons lr 0.0001", fires: ["not-converged", "seed-sensitive"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons), relu16, TrainConfig(learningRate: 0.0001, epochs: 100))
        },
        // SGD with steps of 10: the loss zigzags, every ReLU unit dies, and the dead model answers one class.
        Scenario("huge steps", fires: ["oscillating-loss", "dead-relu", "predicts-one-class"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 10, epochs: 30, optimizer: .sgd))
        },
        Scenario("blow-up", fires: ["diverged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 10, epochs: 100, optimizer: .sgd, l2: 1))
        },
        Scenario("blow-up, momentum", fires: ["diverged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons), relu16, TrainConfig(learningRate: 10, epochs: 100, optimizer: .momentum, l2: 1))
        },
        // Steps of 5: the loss jumps, most units die, and other seeds do clearly better.
        Scenario("sgd lr 5", fires: ["oscillating-loss", "dead-relu", "seed-sensitive"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 5, epochs: 50, optimizer: .sgd))
        },
        Scenario("rmsprop lr 0.5", fires: ["oscillating-loss", "dead-relu"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.5, epochs: 50, optimizer: .rmsprop))
        },
        // Steps of 0.0001: after 100 epochs the loss is still falling steadily (0.4% per 10 epochs, hundreds of
        // standard errors), and the same model gets 100% at lr 0.001: training is unfinished, not the model too small.
        Scenario("tiny steps", fires: ["not-converged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.0001, epochs: 100))
        },
        // The same after 5, 20 and 50 epochs: 0.2–0.3% per window, yet steady and a good share of the descent.
        Scenario("tiny steps, 5 epochs", fires: ["not-converged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.0001, epochs: 5))
        },
        Scenario("tiny steps, 20 epochs", fires: ["not-converged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.0001, epochs: 20))
        },
        Scenario("tiny steps, 50 epochs", fires: ["not-converged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.0001, epochs: 50))
        },
        // l2 = 0.1 pulls every weight to zero: units die and the model answers one class. Underfitting is
        // fair (too much regularisation), though its cure is less l2, not a bigger model: not judged.
        // The same training without l2 fits the rings (100% on train): not-converged names l2 as the cause.
        Scenario("l2 0.1", fires: ["predicts-one-class", "dead-relu", "not-converged"], notes: ["small-test-set"], ignored: ["underfitting"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.01, l2: 0.1))
        },
        // Half the units dead, the rest still fit the rings: a warning.
        Scenario("lr 1, seed 3", fires: ["dead-relu"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 1, epochs: 100, seed: 3))
        },
        Scenario("moons relu lr 1", fires: ["dead-relu"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons), relu16, TrainConfig(learningRate: 1, epochs: 100))
        },
        // 100% on train: the saturated units have become steps, which costs nothing measurable (a note, not a warning).
        Scenario("tanh lr 1", notes: ["saturation", "small-test-set"]) {
            generated(DataSpec(kind: .circles), [dense(16, .tanh)], TrainConfig(learningRate: 1, epochs: 50))
        },
        Scenario("sigmoid lr 1", notes: ["saturation", "small-test-set"]) {
            generated(DataSpec(kind: .circles), [dense(16, .sigmoid)], TrainConfig(learningRate: 1, epochs: 50))
        },
        // 100% on train, 90% on 40 test points; 5-fold cross-validation on the training rows does not show the gap
        // beyond chance (issue 12: one small test set is not enough): not judged.
        Scenario("four units, seed 1", notes: ["small-test-set"], ignored: ["overfitting"]) {
            generated(DataSpec(kind: .circles), [dense(4, .relu)], TrainConfig(learningRate: 0.1, epochs: 100, seed: 1))
        },
        // 90% on test where seeds 6–8 get 97.5–100%, and 99.4% on train: unlucky and overfit, both true.
        Scenario("four units, seed 5", fires: ["seed-sensitive", "overfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), [dense(4, .relu)], TrainConfig(learningRate: 0.1, epochs: 100, seed: 5))
        },

        // The data's own faults.
        Scenario("imbalanced circles", fires: ["class-imbalance"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, n: 400, imbalance: 0.2), relu16, TrainConfig(learningRate: 0.01))
        },
        // 42 test points, all right: the interval is 90–100%, exactly at the note's edge.
        Scenario("imbalance 0.05", fires: ["class-imbalance"], ignored: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, n: 400, imbalance: 0.05), relu16, TrainConfig(learningRate: 0.01))
        },
        // 44 test points, all right: at the note's edge.
        Scenario("blobs imbalance 0.1, linear", fires: ["class-imbalance"], ignored: ["small-test-set"]) {
            generated(DataSpec(kind: .blobs, n: 400, imbalance: 0.1), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("imbalanced circles, linear",
                 fires: ["class-imbalance", "predicts-one-class", "linear-inseparable", "underfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, n: 400, imbalance: 0.2), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        // The line answers class 0 everywhere, 94.6% of the points, where 99.8% is possible: predicts-one-class says so
        // (issue 12: it was silent here by design). The 9 inner points still need a curve, which a line cannot draw.
        Scenario("imbalance 0.05, linear", fires: ["class-imbalance", "linear-inseparable", "underfitting", "predicts-one-class"],
                 notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, n: 400, imbalance: 0.05), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("circles flip 5%", fires: ["label-noise"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, flip: 0.05), relu16, TrainConfig(learningRate: 0.01))
        },
        Scenario("circles flip 10%", fires: ["label-noise"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, flip: 0.1), relu16, TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("moons flip 15%", fires: ["label-noise"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons, flip: 0.15), relu16, TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("spiral flip 5%", fires: ["label-noise"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .spiral, flip: 0.05), [dense(32, .relu), dense(16, .relu)],
                      TrainConfig(learningRate: 0.01, epochs: 300))
        },
        Scenario("xor flip 10%", fires: ["label-noise"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .xor, flip: 0.1), relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },
        // Flipped labels keep a line below 100%, but no line does better: not linear-inseparable, not underfitting.
        Scenario("blobs flip 10%, linear", fires: ["label-noise"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .blobs, flip: 0.1), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        // Flipped labels inside a 15.6% overlap: the label noise is real, but a flipped label there looks like any point
        // of the other class near the boundary, so label-noise says in a note that the overlap hides them (not a silent
        // zero, issue 12) rather than guess which (cleanlab's kNN-15 F1 on gauss at 10% is 0.54).
        Scenario("gauss flip 10%, linear", fires: ["class-overlap"], notes: ["small-test-set", "label-noise"]) {
            generated(DataSpec(kind: .gauss, flip: 0.1), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        // lessons/overfitting.lesson: 60 noisy moons (11.3% overlap), two layers of 64, 1000 epochs: 100% on train,
        // 75% on 12 test points, which alone the test set's luck could explain (9/12 can come out 19.6% low), but the
        // test loss climbed from 0.361 at epoch 59 to 1.86, worse than answering 50/50, while the training loss fell.
        Scenario("overfitting lesson", fires: ["overfitting", "class-overlap"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons, n: 60, noise: 0.35), [dense(64, .relu), dense(64, .relu)],
                      TrainConfig(learningRate: 0.01, epochs: 1000))
        },
        // ...and with l2 = 0.01: 85.4% on train, 75% on test, the test loss level (0.457 at its lowest, 0.475 at the end).
        Scenario("overfitting lesson, l2", fires: ["class-overlap"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons, n: 60, noise: 0.35), [dense(64, .relu), dense(64, .relu)],
                      TrainConfig(learningRate: 0.01, epochs: 1000, l2: 0.01))
        },
        // 100 points, a fifth flipped, two layers of 64: it learns the flips (96% train, 60% test).
        Scenario("memorised flips", fires: ["label-noise", "overfitting"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, n: 100, flip: 0.2), [dense(64, .relu), dense(64, .relu)], TrainConfig(learningRate: 0.01))
        },
        // x2 a thousand times wider than x1, fed in raw: Adam's steps are far too large for x2, the loss jumps.
        Scenario("unscaled, relu", fires: ["unscaled-features", "oscillating-loss"], notes: ["small-test-set"]) {
            loaded(stretch: 1000, scaled: false, relu16, TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("unscaled, linear", fires: ["unscaled-features", "linear-inseparable", "underfitting"], notes: ["small-test-set"]) {
            loaded(stretch: 1000, scaled: false, [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        // ...and tanh units saturate at once; one seed in four ends at 55% on test where the others get 92.5%.
        Scenario("unscaled, tanh", fires: ["unscaled-features", "saturation", "seed-sensitive"], notes: ["small-test-set"]) {
            loaded(stretch: 1000, scaled: false, [dense(16, .tanh)], TrainConfig(learningRate: 0.01, epochs: 100))
        },
        // x2 shifted by 40 (81 standard deviations), raw: training flattens at 66%. The cause is the input,
        // not the model's size: scaled, the same 16 units get 100%. Since issue 12 the experiment says so: not-converged
        // names the raw inputs and suggests scaling first, and underfitting (model too simple) stays quiet (asserted below).
        Scenario("moons shifted +40", fires: ["unscaled-features", "not-converged"], notes: ["small-test-set"]) {
            loaded(stretch: 1, shift: 40, scaled: false, relu16, TrainConfig(learningRate: 0.01, epochs: 200))
        },
    ]

    /// The seed's settings and the healthy runs again on other data and train seeds: what holds for one
    /// draw must hold for the next. Scored like the rest; only the named healthy runs are asserted one by one.
    static let seedFamilies: [Scenario] = seeds.flatMap { (seed: UInt32) in [
        Scenario("circles seed \(seed)", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, seed: seed), relu16, TrainConfig(learningRate: 0.01))
        },
        Scenario("moons seed \(seed)", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .moons, seed: seed), relu16, TrainConfig(learningRate: 0.01, epochs: 300))
        },
        Scenario("blobs seed \(seed)", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .blobs, seed: seed), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
        Scenario("example 3 train seed \(seed)", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles), relu16, TrainConfig(learningRate: 0.01, seed: seed))
        },
        Scenario("example 2 data seed \(seed)", notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, seed: seed), relu16, TrainConfig())
        },
        // A line at chance may split the plane or answer one class almost everywhere (a line on xor, data seed 5,
        // answers class 1 for 98.8% of the points): predicts-one-class is true when it says so, so not judged.
        Scenario("example 1 data seed \(seed)", fires: ["linear-inseparable", "underfitting"], notes: ["small-test-set"],
                 silent: ["label-noise", "class-imbalance", "class-overlap"], ignored: ["predicts-one-class"]) {
            generated(DataSpec(kind: .circles, seed: seed), [], TrainConfig())
        },
        Scenario("stopped early data seed \(seed)", fires: ["not-converged"], notes: ["small-test-set"]) {
            generated(DataSpec(kind: .circles, seed: seed), relu16, TrainConfig(epochs: 20))
        },
        Scenario("xor linear data seed \(seed)", fires: ["linear-inseparable", "underfitting"], notes: ["small-test-set"],
                 ignored: ["predicts-one-class"]) {
            generated(DataSpec(kind: .xor, seed: seed), [], TrainConfig(learningRate: 0.01, epochs: 200))
        },
    ] }

    // MARK: Judging

    struct Tally: Equatable {
        var tp = 0, fp = 0, fn = 0, tn = 0
        var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
        var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
        static func += (l: inout Tally, r: Tally) { l.tp += r.tp; l.fp += r.fp; l.fn += r.fn; l.tn += r.tn }
    }

    struct Outcome {
        let scenario: Scenario
        var findings: [Finding]
        let seconds: Double
        /// Train and test accuracy of the session's model, for the printout.
        let train: Double, test: Double
        /// The error budget's gap share (nil without a test set) and the test-sampling excess it comes from.
        let gapShare: Double?, gapBeyondChance: Double?
        /// True when the budget's gap leaves the rows with known or doubted wrong labels out (it then cites the
        /// training accuracy of the rows it kept), so it is not the gap overfitting measures on every row.
        let gapLeavesLabelsOut: Bool
        var loud: Set<String> { Set(findings.filter { $0.severity != .note }.map(\.id)) }
        var any: Set<String> { Set(findings.map(\.id)) }
    }

    /// Each scenario trained and diagnosed by `Doctor.standard` once per test run.
    static let outcomes: [Outcome] = scenarios.map { scenario in
        let start = Date()
        let context = scenario.make()
        let report = Doctor.standard.diagnose(context)
        let t = context.data.training
        return Outcome(scenario: scenario, findings: report.findings, seconds: Date().timeIntervalSince(start),
                       train: Evaluation(network: context.run.network, x: t.xTrain, y: t.yTrain).accuracy,
                       test: Evaluation(network: context.run.network, x: t.xTest, y: t.yTest).accuracy,
                       gapShare: report.budget?.share("variance"),
                       gapBeyondChance: report.budget?.rows.first { $0.key == "variance" }?.evidence.first { $0.key == "gap_beyond_chance" }?.value,
                       gapLeavesLabelsOut: report.budget?.rows.first { $0.key == "variance" }?.evidence.contains { $0.key == "train_accuracy" } ?? false)
    }

    /// Every (scenario, id) judgement, tallied per id, with a line for each miss.
    static func judge(_ outcomes: [Outcome]) -> (perID: [String: Tally], total: Tally, mismatches: [String]) {
        var perID = [String: Tally](), mismatches: [String] = []
        for outcome in outcomes {
            let s = outcome.scenario
            for id in ids {
                var t = Tally()
                switch s.expectation(id) {
                case .fires: if outcome.loud.contains(id) { t.tp = 1 } else { t.fn = 1 }
                case .notes: if outcome.any.contains(id) { t.tp = 1 } else { t.fn = 1 }
                case .quiet: if outcome.loud.contains(id) { t.fp = 1 } else { t.tn = 1 }
                case .silent: if outcome.any.contains(id) { t.fp = 1 } else { t.tn = 1 }
                case .ignored: break
                }
                perID[id, default: Tally()] += t
                if t.fp + t.fn > 0 {
                    let f = outcome.findings.first { $0.id == id }
                    let detail = f.map { f in "\(f.severity.rawValue): \(f.headline) | "
                        + f.evidence.map { "\($0.key)=\(short($0.value))" }.joined(separator: " ") } ?? "did not fire"
                    mismatches.append("\(t.fp > 0 ? "FP" : "FN") \(id) in \(s.name): \(detail)")
                }
            }
        }
        var total = Tally()
        for t in perID.values { total += t }
        return (perID, total, mismatches)
    }

    /// Issue 4 asks for 0.9; the analyzers earn stricter (0.98 and 0.99 when this suite was written, the misses
    /// listed in the output), so a handful of new false alarms or misses fails the suite.
    static let minimumPrecision = 0.95, minimumRecall = 0.95

    func testPrecisionAndRecallOverTheScenarioTable() {
        let verbose = ProcessInfo.processInfo.environment["SCENARIO_SUITE_VERBOSE"] != nil
        for outcome in Self.outcomes {
            let shown = outcome.findings.map { "\($0.id)(\($0.severity.rawValue.prefix(1)))" }.joined(separator: " ")
            print("scenario " + Self.pad(outcome.scenario.name, 30)
                  + String(format: "%5.2fs  train %5.1f%% test %5.1f%%  ", outcome.seconds, 100 * outcome.train, 100 * outcome.test)
                  + shown)
            if verbose {
                for f in outcome.findings {
                    print("    \(f.severity.rawValue)[\(f.id)]: \(f.headline)")
                    for e in f.evidence { print("      \(e.key)=\(Self.short(e.value)): \(e.text)") }
                }
            }
        }
        let (perID, total, mismatches) = Self.judge(Self.outcomes)
        let seconds = Self.outcomes.reduce(0) { $0 + $1.seconds }
        print(String(format: "scenario suite: %d scenarios, %d judgements: TP %d FP %d FN %d TN %d, precision %.3f, recall %.3f, %.1fs",
                     Self.scenarios.count, total.tp + total.fp + total.fn + total.tn, total.tp, total.fp, total.fn, total.tn,
                     total.precision, total.recall, seconds))
        print("id                     TP  FP  FN   TN  precision  recall")
        for id in Self.ids {
            let t = perID[id] ?? Tally()
            print(Self.pad(id, 20) + String(format: " %4d %3d %3d %4d  %9.3f  %6.3f", t.tp, t.fp, t.fn, t.tn, t.precision, t.recall))
        }
        for m in mismatches { print("mismatch: " + m) }
        XCTAssertGreaterThanOrEqual(total.precision, Self.minimumPrecision, "precision; mismatches:\n" + mismatches.joined(separator: "\n"))
        XCTAssertGreaterThanOrEqual(total.recall, Self.minimumRecall, "recall; mismatches:\n" + mismatches.joined(separator: "\n"))
    }

    /// The measure itself can fail: a doctor that never speaks has no recall, one that says everything no precision,
    /// and one that loses a single analyzer shows up in that id's row.
    func testTheMeasureCatchesADoctorThatSaysNothingOrEverything() {
        let mute = Self.outcomes.map { o -> Outcome in var o = o; o.findings = []; return o }
        XCTAssertEqual(Self.judge(mute).total.recall, 0)
        let loud = Self.outcomes.map { o -> Outcome in
            var o = o
            o.findings = Self.ids.map { Finding(id: $0, severity: .problem, headline: $0, evidence: [], why: "") }
            return o
        }
        XCTAssertEqual(Self.judge(loud).total.recall, 1)
        XCTAssertLessThan(Self.judge(loud).total.precision, 0.2)
        let noLabelNoise = Self.outcomes.map { o -> Outcome in var o = o; o.findings.removeAll { $0.id == "label-noise" }; return o }
        let judged = Self.judge(noLabelNoise)
        XCTAssertEqual(judged.perID["label-noise"]?.recall, 0)
        XCTAssertEqual(judged.perID["label-noise"]?.fn, Self.judge(Self.outcomes).perID["label-noise"].map { $0.tp + $0.fn })
    }

    func testTheTableCoversEveryIdBothWays() {
        XCTAssertEqual(Set(Doctor.standard.analyzers.flatMap(\.ids)), Set(Self.ids))
        XCTAssertEqual(Set(Self.scenarios.map(\.name)).count, Self.scenarios.count, "scenario names are unique")
        for s in Self.scenarios { XCTAssertTrue(Set(s.expect.keys).isSubset(of: Self.ids), "\(s.name): unknown id") }
        XCTAssertTrue(Self.healthy.isSubset(of: Self.scenarios.map(\.name)), "\(Self.healthy.subtracting(Self.scenarios.map(\.name)))")
        for s in Self.scenarios where Self.healthy.contains(s.name) {
            XCTAssertTrue(s.expect.values.allSatisfy { $0 != .fires }, "\(s.name) is healthy, so nothing must fire")
        }
        for id in Self.ids {
            let positive = Self.scenarios.filter { [.fires, .notes].contains($0.expectation(id)) }
            let negative = Self.scenarios.filter { Self.noteOnly.contains(id) ? $0.expectation(id) == .silent
                                                                               : [.quiet, .silent].contains($0.expectation(id)) }
            XCTAssertFalse(positive.isEmpty, "\(id): no scenario where it must fire")
            XCTAssertFalse(negative.isEmpty, "\(id): no scenario where it must stay quiet")
        }
    }

    func testHealthyRunsRaiseNoProblemOrWarning() {
        for outcome in Self.outcomes where Self.healthy.contains(outcome.scenario.name) {
            XCTAssertEqual(outcome.loud, [], "\(outcome.scenario.name): "
                           + outcome.findings.filter { $0.severity != .note }.map(\.headline).joined(separator: "; "))
        }
    }

    func testExample1IsLinearInseparableAndNothingAboutNoiseOrImbalance() throws {
        for outcome in Self.outcomes where outcome.scenario.name.hasPrefix("example 1") {
            XCTAssertTrue(outcome.loud.contains("linear-inseparable"), outcome.scenario.name)
            XCTAssertEqual(outcome.findings.first?.id, "linear-inseparable", "\(outcome.scenario.name): the first thing the learner reads")
            XCTAssertTrue(outcome.any.isDisjoint(with: ["label-noise", "class-imbalance", "class-overlap"]),
                          "\(outcome.scenario.name): \(outcome.any)")
        }
    }

    /// On raw inputs where the same layers trained well (scaled) fit, not-converged names the inputs and suggests
    /// scaling first, as unscaled-features does; a line that cannot fit however it is trained is underfitting.
    func testRawInputsThatStallTrainingGetScalingFirst() throws {
        let outcome = try XCTUnwrap(Self.outcomes.first { $0.scenario.name == "moons shifted +40" })
        let stalled = try XCTUnwrap(outcome.findings.first { $0.id == "not-converged" })
        let unscaled = try XCTUnwrap(outcome.findings.first { $0.id == "unscaled-features" })
        XCTAssertEqual(stalled.fixes.first, unscaled.fixes.first)
        XCTAssertTrue(stalled.headline.contains("raw"), stalled.headline)
        XCTAssertFalse(outcome.any.contains("underfitting"))
        let line = try XCTUnwrap(Self.outcomes.first { $0.scenario.name == "example 1" }?.findings.first { $0.id == "underfitting" })
        XCTAssertEqual(line.fixes.map(\.command), ["model dense16 relu"])
        XCTAssertEqual(line.evidence.first { $0.key == "well_trained_train_accuracy" }.map { $0.value < 0.7 }, true)
    }

    /// Overfitting and the error budget read the same cross-validated gap: where overfitting fires on the accuracy, the
    /// budget's variance row measured the same gap beyond chance, and a variance share is never charged within chance.
    func testOverfittingAndTheBudgetsVarianceAgree() {
        var checked = 0
        for outcome in Self.outcomes {
            guard let share = outcome.gapShare else { continue }
            if share > 0 { XCTAssertGreaterThan(outcome.gapBeyondChance ?? 0, 0, outcome.scenario.name) }
            if let f = outcome.findings.first(where: { $0.id == "overfitting" }), f.headline.hasPrefix("the model does much better"),
               !outcome.gapLeavesLabelsOut {
                XCTAssertEqual(f.evidence.first { $0.key == "gap_beyond_chance" }?.value, outcome.gapBeyondChance, outcome.scenario.name)
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
    }

    // MARK: Label noise against the flipped labels

    static let flipRates = [0.05, 0.1, 0.15]
    static let flipSeeds: [UInt32] = [1, 2, 3, 4, 5]

    /// The points of the label-noise finding (none without one) on a generated set; the model does not
    /// matter to which points are named, so one epoch of a line will do.
    static func flagged(_ spec: DataSpec) -> (points: [Int], flipped: [Int]) {
        let context = generated(spec, [], TrainConfig(epochs: 1))
        return (LabelNoise().analyze(context).first?.points ?? [], context.flipped)
    }

    static func f1(_ found: [Int], _ truth: [Int]) -> Double {
        let hits = Set(found).intersection(truth).count
        return found.count + truth.count == 0 ? 1 : 2 * Double(hits) / Double(found.count + truth.count)
    }

    func testLabelNoiseFindsTheFlippedLabelsAndNothingOnCleanData() {
        let start = Date()
        print("label-noise F1 against the flipped labels (mean over data seeds \(Self.flipSeeds.map(String.init).joined(separator: ","))"
              + ", lowest in brackets)")
        print("kind       " + Self.flipRates.map { Self.pad(String(format: "flip %.0f%%", 100 * $0), 16) }.joined() + "average")
        for kind in [DataSpec.Kind.circles, .moons, .spiral] {
            var all: [Double] = [], line = Self.pad(kind.rawValue, 11)
            for rate in Self.flipRates {
                let scores = Self.flipSeeds.map { seed -> Double in
                    let (points, flipped) = Self.flagged(DataSpec(kind: kind, seed: seed, flip: rate))
                    return Self.f1(points, flipped)
                }
                all += scores
                XCTAssertGreaterThanOrEqual(scores.reduce(0, +) / Double(scores.count), 0.9, "\(kind) flip \(rate)")
                line += Self.pad(String(format: "%.3f (%.3f)", scores.reduce(0, +) / Double(scores.count), scores.min()!), 16)
            }
            let average = all.reduce(0, +) / Double(all.count)
            print(line + String(format: "%.3f", average))
            XCTAssertGreaterThanOrEqual(average, 0.9, "\(kind)")
        }
        var clean = 0
        for kind in DataSpec.Kind.allCases {
            for seed in [0, 42] + Self.flipSeeds {
                let points = Self.flagged(DataSpec(kind: kind, seed: seed)).points
                XCTAssertEqual(points, [], "clean \(kind) seed \(seed)")
                clean += 1
            }
        }
        print(String(format: "label-noise on clean data: 0 points flagged expected over %d sets (6 kinds × 7 seeds); %.1fs", clean,
                     Date().timeIntervalSince(start)))
    }

    static func short(_ x: Double) -> String { String(format: "%.4g", x) }
    static func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
}
