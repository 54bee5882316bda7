import NNCore

/// The frameworks `export keras|pytorch` writes a script for.
enum ScriptFramework: String, CaseIterable, Sendable {
    case keras, pytorch

    var writer: any FrameworkWriter { self == .keras ? KerasWriter() : PyTorchWriter() }
}

/// What differs between the frameworks: their imports, the model and the training loop.
/// Everything else in a script is written once, by `PythonScript`.
protocol FrameworkWriter {
    /// "Keras", for the header and messages.
    var title: String { get }
    /// What to install, for the header.
    var needs: String { get }
    func imports(_ script: PythonScript) -> [String]
    /// The rest of section 4: the model (from `kernels` when exact) and `logits(X)`.
    func model(_ script: PythonScript) -> [String]
    /// Section 6: the optimizer and the loop over epochs, calling `progress(epoch)` after each.
    func training(_ script: PythonScript) -> [String]
}

/// A standalone Python script that rebuilds a session's data and model, trains it with the same
/// settings and prints train and test accuracy and loss next to nnlab's, then one line of JSON.
/// With `exact` it starts from nnlab's own weights and feeds nnlab's batch order in double
/// precision, so it reproduces nnlab's figures; without, it is the script a person would write.
/// The header and sections 1 to 3 (data, split, scaling), 5 (measuring) and 7 (results) are shared;
/// the framework writes the model and the training.
struct PythonScript {
    var framework: ScriptFramework
    var data: LabData
    /// Hidden layers; `[]` is `model linear`.
    var hidden: [LayerSpec]
    var config: TrainConfig
    /// Epochs to train: all that nnlab's model was trained for, or the config's when it is untrained.
    var epochs: Int
    /// nnlab's figures after those epochs, when it trained.
    var nnlab: EpochRecord?
    /// The file name, for "run it: python3 NAME".
    var fileName: String
    /// nnlab's initial weights and batch order, in double precision (`exact=on`).
    var exact = true
    /// Where the script reads loaded data from, relative to itself; nil writes the rows into the script.
    var csvPath: String?
    /// nnlab's `train continue` changed settings part way: one loop with the last ones cannot retrace it.
    var mixedSettings = false

    var text: String {
        let writer = framework.writer
        let blocks = [header(writer), imports(writer), dataSection, splitSection, scalingSection + validationSection,
                      modelHeading + (exact ? weightsSection : []) + writer.model(self),
                      measureSection, writer.training(self), resultsSection]
        // Names read from files are string literals already; `line` is the guard that nothing else ends a line early.
        return blocks.map { $0.map(PythonLiteral.line).joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    /// The model's inputs: the columns, or the features made from them.
    var features: Int { data.prepared.inputs.features }

    /// `features x1 x2 x1^2 x2^2`, as typed.
    var featuresCommand: String {
        CommandWriter.line(.features(data.features ?? [], columns: data.prepared.dataset.featureNames))
    }
    /// Classes the head tells apart: two get one logit and a sigmoid, three or more a logit per class and a softmax.
    var classes: Int { data.prepared.dataset.classes }
    var manyClasses: Bool { classes > 2 }

    /// Python's spelling of a setting: 0.01, 1e-05, 500.
    static func number(_ x: Double) -> String { Text.number(x) }

    /// A measured figure, exactly: Swift's shortest round-trip text is Python's float syntax (0.975, 1e-07).
    static func exactly(_ x: Double) -> String { "\(x)" }

    // MARK: header and imports

    func header(_ writer: any FrameworkWriter) -> [String] {
        var lines = [
            "# nnlab's session as a standalone \(writer.title) script: the same data, model and training settings.",
            "# Written by nnlab's `export \(framework.rawValue)\(exact ? "" : " exact=off")` from these settings:",
            "#   " + dataCommand,
        ] + (data.features == nil ? [] : ["#   " + featuresCommand]) + [
            "#   " + modelCommand,
            "#   " + trainCommand,
        ]
        if epochs != config.epochs {
            lines.append("#   (epochs=\(epochs): all the epochs nnlab's model was trained for; the last `train` asked for \(config.epochs))")
        }
        if let nnlab {
            lines.append("# nnlab got test accuracy \(Self.accuracy(nnlab.testAccuracy)) with these settings (seed \(config.seed)).")
        } else {
            lines.append("# nnlab has not trained this model yet: the training settings are the ones `train` would use.")
        }
        lines += exact ? [
            "# exact=on: the script starts from nnlab's own weights and feeds the batches in nnlab's order (both drawn",
            "# with NumPy, as nnlab draws them), in double precision, so it reproduces nnlab's figures: the same accuracy",
            "# and a loss within about 1e-4 (the frameworks add up sums in another order).",
        ] + (mixedSettings ? [
            "# Except here: a `train continue` changed settings part way, and this script trains every epoch with the",
            "# last ones, so its figures will differ from nnlab's.",
        ] : []) + (dropout ? [
            "# Except dropout: \(writer.title) draws its own dropout masks (the script takes nnlab's draws from the stream only",
            "# to keep the batch order in step), so expect figures within nnlab's spread over seeds, not the same digits.",
        ] : []) : [
            "# exact=off: \(writer.title) draws its own starting weights and batch order, so expect figures within",
            "# nnlab's spread over seeds (see `sweep`), not the same digits. `export \(framework.rawValue)` (exact=on) reproduces them.",
        ]
        return lines + [
            "#",
            "# Run it: python3 \(fileName.contains(" ") ? "'\(fileName)'" : fileName)" + (csvPath == nil ? "" : " (the data file it reads is named in section 1)"),
            "# Needs:  \(writer.needs)",
            "# It prints progress, then train and test accuracy and loss next to nnlab's, and last one line of JSON.",
        ]
    }

    func imports(_ writer: any FrameworkWriter) -> [String] {
        ["import json"] + (csvPath == nil ? [] : ["import csv", "from pathlib import Path"]) + ["", "import numpy as np"] + writer.imports(self)
    }

    /// 0.975 → "0.9750", as the script prints it.
    static func accuracy(_ p: Double) -> String {
        let tenThousandths = Int((p * 10_000).rounded())
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// Names from the file as Python string literals: the comment shows them, they cannot end it.
    var dataCommand: String {
        guard case .loaded(var load) = data.origin else { return data.command }
        load.file = PythonLiteral.string(load.file)
        load.label = load.label.map(PythonLiteral.string)
        return CommandWriter.line(.load(load))
    }

    var modelCommand: String { CommandWriter.line(.model(hidden)) }

    /// Every setting but a zero l2 spelled out, so the reader of the script need not know the defaults.
    var trainCommand: String {
        var c = config
        c.epochs = epochs
        return CommandWriter.line(.train(c, always: ["lr", "epochs", "batch", "optimizer", "seed"]))
    }

    /// "Adam, lr 0.01, batches of 32 reshuffled every epoch, 500 epochs", for the training section's heading.
    var trainingSummary: String {
        let optimizer = Self.optimizerClass[config.optimizer]! + (config.optimizer == .momentum ? " with momentum 0.9" : "")
        return "\(optimizer), lr \(Self.number(config.learningRate)), batches of \(config.batch) reshuffled every epoch, "
            + "\(epochs) epochs" + (config.l2 > 0 ? ", l2 \(Self.number(config.l2)) on the weights" : "")
            + (config.l1 > 0 ? ", l1 \(Self.number(config.l1)) on the weights" : "")
            + (config.lrDecay != 1 ? ", lr times \(Self.number(config.lrDecay)) after every epoch" : "")
            + (config.patience > 0 ? ", early stopping with patience \(config.patience)" : "")
            + (weighted ? ", classes weighted" : "")
    }

    /// Some hidden layer drops outputs in training.
    var dropout: Bool { hidden.contains { $0.dropout > 0 } }

    /// Hidden units whose outputs dropout masks, all layers together: the uniform draws nnlab takes per batch row.
    var droppedUnits: Int { hidden.filter { $0.dropout > 0 }.reduce(0) { $0 + $1.units } }

    /// `patience=`: the last share of the training rows is held out, as nnlab and Keras' `validation_split` hold it.
    var validationSection: [String] {
        guard config.patience > 0 else { return [] }
        return [
            "",
            "# patience=\(config.patience): early stopping watches the loss on the last \(Self.number(config.validation)) of the training rows",
            "#    (never the test rows), as nnlab and Keras' validation_split hold them out; the model trains on the",
            "#    rest, and the train figures below are theirs, as nnlab's are.",
            "split = int(np.floor(len(y_train) * (1 - \(Self.number(config.validation)))))",
            "X_train, y_train, X_val, y_val = X_train[:split], y_train[:split], X_train[split:], y_train[split:]",
        ]
    }

    /// Early stopping as Keras' EarlyStopping(patience=, restore_best_weights=True) does it, written out for a
    /// loop over epochs: before the loop, at the end of each epoch (`indent` deep; `weights` reads the
    /// weights), and after the loop (`restore` puts `best_weights` back).
    var earlyStoppingStart: [String] {
        config.patience > 0 ? ["best_loss, best_weights, best_epoch, wait = np.inf, None, 0, 0"] : []
    }

    func earlyStoppingCheck(weights: String, indent: String) -> [String] {
        guard config.patience > 0 else { return [] }
        return [
            "# Early stopping (Keras' EarlyStopping(patience=\(config.patience), restore_best_weights=True), on the loss",
            "# without penalties, as nnlab measures it): a lower validation loss is kept, \(config.patience) epochs in a row",
            "# without one stop training.",
            "wait += 1",
            "val_loss = measure(X_val, y_val)[1]",
            "if val_loss < best_loss:",
            "    best_loss, best_weights, best_epoch, wait = val_loss, \(weights), epoch + 1, 0",
            "elif wait >= \(config.patience) and epoch > 0:",
            "    break",
        ].map { indent + $0 }
    }

    func earlyStoppingEnd(restore: String) -> [String] {
        guard config.patience > 0 else { return [] }
        return [
            restore,
            "print(f\"early stopping: stopped after epoch {epoch + 1}; kept epoch {best_epoch}, the lowest validation loss\")",
        ]
    }

    /// `class_weight=balanced`: each row's loss counts as much as its class's weight.
    var weighted: Bool { config.classWeight == .balanced }

    /// The class weights, computed from the training labels as nnlab computes them (section 6).
    var classWeightLines: [String] {
        guard weighted else { return [] }
        return [
            "# class_weight=balanced: each class's loss weighted n / (k * its count) on the training rows, as scikit-learn's",
            "# compute_class_weight('balanced') and nnlab give; a batch's loss is the mean of weight * loss over its rows.",
            "classes, counts = np.unique(y_train, return_counts=True)",
            "class_weight = {int(c): len(y_train) / (len(classes) * int(k)) for c, k in zip(classes, counts)}",
        ]
    }

    /// Keras and PyTorch name their optimizers alike.
    static let optimizerClass: [OptimizerKind: String] = [.adam: "Adam", .sgd: "SGD", .momentum: "SGD", .rmsprop: "RMSprop"]

    /// `module.Adam(first, rate=0.01, ...)`: the optimizer's class (or `replacing` it), its learning rate, momentum 0.9
    /// for `momentum`, the framework's `extras` for this optimizer, and a trailing comment from `notes`.
    func optimizerCall(_ module: String, first: String? = nil, rate: String, rateValue: String? = nil, replacing: [OptimizerKind: String] = [:],
                       extras: [OptimizerKind: String] = [:], notes: [OptimizerKind: String]) -> String {
        let kind = config.optimizer
        let arguments = [first, "\(rate)=\(rateValue ?? Self.number(config.learningRate))", kind == .momentum ? "momentum=0.9" : nil, extras[kind]]
        return (replacing[kind] ?? "\(module).\(Self.optimizerClass[kind]!)") + "(\(arguments.compactMap { $0 }.joined(separator: ", ")))"
            + (notes[kind].map { "  # \($0)" } ?? "")
    }

    // MARK: sections 4, 5 and 7, shared

    /// The heading of section 4, the same in every framework.
    var modelHeading: [String] {
        ["# 4. Model: `\(modelCommand)` in nnlab. Weights start Glorot-uniform and biases at zero,"]
            + (manyClasses ? [
                "#    as in nnlab (Keras' defaults). The last layer has one unit per class (\(classes)) and a softmax; the loss",
                "#    (sparse categorical cross-entropy) is computed from the logits before the softmax, as nnlab computes it."]
            : ["#    as in nnlab (Keras' defaults). The last layer gives a logit: the sigmoid is inside the loss,",
               "#    which is how nnlab computes it."])
    }

    /// nnlab's starting weights, drawn as `TrainingRun` draws them; `rng` goes on to give the batch order.
    var weightsSection: [String] {
        let widths = [features] + hidden.map(\.units) + [Network.outputs(classes: classes)]
        return [
            "#    nnlab's starting weights: one NumPy RandomState(\(config.seed)) draws the Glorot-uniform kernels layer by",
            "#    layer (inputs x outputs, row by row), then every epoch's batch order (section 6).",
            "rng = np.random.RandomState(\(config.seed))",
            "widths = [\(widths.map(String.init).joined(separator: ", "))]",
            "kernels = [rng.uniform(-np.sqrt(6 / (a + b)), np.sqrt(6 / (a + b)), (a, b)) for a, b in zip(widths, widths[1:])]",
        ]
    }

    /// A progress line every tenth of the training, and after the last epoch.
    var progressEvery: Int { max(1, epochs / 10) }

    var measureSection: [String] {
        (manyClasses ? measureClasses : measureTwoClasses) + [
            "",
            "",
            "def progress(epoch):",
            "    if epoch % \(progressEvery) == 0 or epoch == \(epochs):",
            "        (train_accuracy, train_loss), (test_accuracy, test_loss) = measure(X_train, y_train), measure(X_test, y_test)",
            "        print(f\"epoch {epoch}/\(epochs): train accuracy {train_accuracy:.4f}, loss {train_loss:.6f}; \"",
            "              f\"test accuracy {test_accuracy:.4f}, loss {test_loss:.6f}\", flush=True)",
        ]
    }

    /// Keras' `evaluate` would add the l2 penalty to the loss: the scripts measure without it.
    var penaltyNote: [String] {
        framework == .keras ? ["#    evaluate() would add the penalty to the loss: these are nnlab's figures)."] : []
    }

    /// Accuracy by the largest logit, and log-sum-exp minus the true class's logit (the largest logit taken out first).
    var measureClasses: [String] {
        [
            "# 5. Measuring, as nnlab measures: accuracy (the class with the largest logit) and the mean categorical",
            "#    cross-entropy computed from the logits z, log(sum(exp(z))) - z[y] with the largest z taken out first,",
            "#    without the l2 penalty" + (framework == .keras ? " (Keras' own" : "."),
        ] + penaltyNote + [
            "def measure(X, y):",
            "    z = np.asarray(logits(X), dtype=np.float64).reshape(len(y), \(classes))",
            "    top = z.max(axis=1)",
            "    loss = top + np.log(np.exp(z - top[:, None]).sum(axis=1)) - z[np.arange(len(y)), y.astype(int)]",
            "    return float(np.mean(z.argmax(axis=1) == y)), float(np.mean(loss))",
        ]
    }

    var measureTwoClasses: [String] {
        [
            "# 5. Measuring, as nnlab measures: accuracy (a logit above 0 is class 1) and the mean binary cross-entropy",
            "#    computed from the logit z, max(z, 0) - z*y + log(1 + exp(-|z|)), without the l2 penalty"
                + (framework == .keras ? " (Keras' own" : "."),
        ] + penaltyNote + [
            "def measure(X, y):",
            "    z = np.asarray(logits(X), dtype=np.float64).reshape(-1)",
            "    loss = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))",
            "    return float(np.mean((z > 0) == (y == 1))), float(np.mean(loss))",
        ]
    }

    var resultsSection: [String] {
        let figures = nnlab.map { r in
            "{'train': {'accuracy': \(Self.exactly(r.trainAccuracy)), 'loss': \(Self.exactly(r.trainLoss))}, "
                + "'test': {'accuracy': \(Self.exactly(r.testAccuracy)), 'loss': \(Self.exactly(r.testLoss))}}"
        }
        return [
            "# 7. Results next to nnlab's, then one line of JSON for scripts that compare them.",
            "nnlab = " + (figures ?? "None  # nnlab had not trained this model"),
            "results = {split: dict(zip(['accuracy', 'loss'], measure(X, y)))",
            "           for split, X, y in [('train', X_train, y_train), ('test', X_test, y_test)]}",
            "for split, ours in results.items():",
            "    line = f\"{split:5}  accuracy {ours['accuracy']:.4f}  loss {ours['loss']:.6f}\"",
            "    if nnlab:",
            "        line += f\"   nnlab: accuracy {nnlab[split]['accuracy']:.4f}  loss {nnlab[split]['loss']:.6f}\"",
            "    print(line)",
            "print(json.dumps({'framework': '\(framework.rawValue)', **results, 'nnlab': nnlab}, separators=(',', ':')))",
        ]
    }
}
