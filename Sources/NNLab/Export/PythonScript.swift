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
    var imports: [String] { get }
    /// Sections 4 to 6: the model, the training and the test accuracy, each a block of lines.
    func model(_ script: PythonScript) -> [String]
    func training(_ script: PythonScript) -> [String]
    var evaluation: [String] { get }
}

/// A standalone Python script that rebuilds a session's data and model, trains it with the same
/// settings and prints the test accuracy. The header and sections 1 to 3 (data, split, scaling)
/// are shared; the framework writes the model, the training and the evaluation.
struct PythonScript {
    var framework: ScriptFramework
    var data: LabData
    /// Hidden layers; `[]` is `model linear`.
    var hidden: [LayerSpec]
    var config: TrainConfig
    /// Epochs to train: all that nnlab's model was trained for, or the config's when it is untrained.
    var epochs: Int
    /// nnlab's test accuracy after those epochs, when it trained.
    var nnlabAccuracy: Double?
    /// The file name, for "run it: python3 NAME".
    var fileName: String

    var text: String {
        let writer = framework.writer
        let blocks = [header(writer), writer.imports, dataSection, splitSection, scalingSection,
                      writer.model(self), writer.training(self), writer.evaluation]
        // Names read from files are string literals already; `line` is the guard that nothing else ends a line early.
        return blocks.map { $0.map(PythonLiteral.line).joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    var features: Int { data.prepared.dataset.features }

    /// Python's spelling of a setting: 0.01, 1e-05, 500.
    static func number(_ x: Double) -> String { Text.number(x) }

    // MARK: header

    func header(_ writer: any FrameworkWriter) -> [String] {
        var lines = [
            "# nnlab's session as a standalone \(writer.title) script: the same data, model and training settings.",
            "# Written by nnlab's `export \(framework.rawValue)` from these settings:",
            "#   " + dataCommand,
            "#   " + modelCommand,
            "#   " + trainCommand,
        ]
        if epochs != config.epochs {
            lines.append("#   (epochs=\(epochs): all the epochs nnlab's model was trained for; the last `train` asked for \(config.epochs))")
        }
        if let accuracy = nnlabAccuracy {
            lines.append("# nnlab got test accuracy \(Self.accuracy(accuracy)) with these settings (seed \(config.seed)).")
        } else {
            lines.append("# nnlab has not trained this model yet: the training settings are the ones `train` would use.")
        }
        return lines + [
            "# \(writer.title) draws its own random numbers, so its starting weights and batch order differ from",
            "# nnlab's: expect a test accuracy within nnlab's spread over seeds (see `sweep`), not the same digits.",
            "#",
            "# Run it: python3 \(fileName.contains(" ") ? "'\(fileName)'" : fileName)",
            "# Needs:  \(writer.needs)",
        ]
    }

    /// 0.975 → "0.9750", as the script prints it.
    static func accuracy(_ p: Double) -> String {
        let tenThousandths = Int((p * 10_000).rounded())
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    var dataCommand: String { data.command }

    var modelCommand: String {
        hidden.isEmpty ? "model linear" : "model " + hidden.map { "dense\($0.units) \($0.activation.rawValue)" }.joined(separator: " ")
    }

    var trainCommand: String {
        "train lr=\(Self.number(config.learningRate)) epochs=\(epochs) batch=\(config.batch) "
            + "optimizer=\(config.optimizer.rawValue) seed=\(config.seed)" + (config.l2 > 0 ? " l2=\(Self.number(config.l2))" : "")
    }

    /// "Adam, lr 0.01, batches of 32 reshuffled every epoch, 500 epochs", for the training section's heading.
    var trainingSummary: String {
        let optimizer = Self.optimizerClass[config.optimizer]! + (config.optimizer == .momentum ? " with momentum 0.9" : "")
        return "\(optimizer), lr \(Self.number(config.learningRate)), batches of \(config.batch) reshuffled every epoch, "
            + "\(epochs) epochs" + (config.l2 > 0 ? ", l2 \(Self.number(config.l2)) on the weights" : "")
    }

    /// Keras and PyTorch name their optimizers alike.
    static let optimizerClass: [OptimizerKind: String] = [.adam: "Adam", .sgd: "SGD", .momentum: "SGD", .rmsprop: "RMSprop"]

    /// `module.Adam(first, rate=0.01, ...)`: the optimizer's class, its learning rate, momentum 0.9 for
    /// `momentum`, the framework's `extras` for this optimizer, and a trailing comment from `notes`.
    func optimizerCall(_ module: String, first: String? = nil, rate: String,
                       extras: [OptimizerKind: String] = [:], notes: [OptimizerKind: String]) -> String {
        let kind = config.optimizer
        let arguments = [first, "\(rate)=\(Self.number(config.learningRate))", kind == .momentum ? "momentum=0.9" : nil, extras[kind]]
        return "\(module).\(Self.optimizerClass[kind]!)(\(arguments.compactMap { $0 }.joined(separator: ", ")))"
            + (notes[kind].map { "  # \($0)" } ?? "")
    }

    // MARK: sections 1 to 3, shared

    /// The post's NumPy code for plain circles; the points themselves for anything else.
    var writesNumPyCircles: Bool {
        data.spec.map { $0.kind == .circles && $0.flip == 0 && $0.imbalance == 1 } ?? false
    }

    var dataSection: [String] {
        guard writesNumPyCircles, let spec = data.spec else {
            let d = data.prepared.dataset
            var lines: [String]
            if let spec = data.spec {
                lines = ["# 1. Data: nnlab's \(spec.kind.rawValue) (n=\(spec.n), noise=\(Self.number(spec.noise)), seed=\(spec.seed)),",
                         "#    every point as nnlab made it, so that this script trains on exactly nnlab's data."]
            } else if case .loaded(let load) = data.origin {
                // Names from the file are string literals here, never comment text (a name can hold a line break).
                lines = ["# 1. Data: the rows of this file as nnlab read them, so that this script trains on exactly nnlab's data.",
                         "data_file = \(PythonLiteral.string(load.file))",
                         "feature_names = \(PythonLiteral.list(d.featureNames))",
                         "label_column = \(PythonLiteral.string(load.labelColumn))",
                         "classes = {\(load.classes.enumerated().map { "\(PythonLiteral.string($1)): \($0)" }.joined(separator: ", "))}"
                             + "  # the label text of each class, as nnlab numbered them"]
            } else {
                lines = []
            }
            if data.spec != nil { lines.append("#    Columns \(d.featureNames.joined(separator: ", ")); labels 0 and 1.") }
            if let spec = data.spec, spec.imbalance != 1 {
                lines.append("#    Class 1 is kept at \(Self.number(spec.imbalance)) of class 0 (imbalance=\(Self.number(spec.imbalance))).")
            }
            if let spec = data.spec, !data.flipped.isEmpty {
                lines.append("#    \(data.flipped.count) training labels are flipped on purpose (flip=\(Self.number(spec.flip))), in rows:")
                lines += PythonLiteral.wrapped(data.flipped.map(String.init), indent: "#      ", separator: " ")
            }
            return lines
                + PythonLiteral.array("X", (0..<d.count).map { "[" + d.row($0).map { "\($0)" }.joined(separator: ", ") + "]" })
                + PythonLiteral.array("y", d.y.map(String.init))
        }
        let draw = "np.random.normal(0, \(Self.number(spec.noise)), n_samples // 2)"
        return [
            "# 1. Data: the post's concentric circles, as nnlab makes them (nnlab draws NumPy's random numbers).",
            "#    Class 0 is the inner ring (radius 1), class 1 the outer ring (radius 2).",
            "np.random.seed(\(spec.seed))",
            "n_samples = \(spec.n)",
            "angles = np.linspace(0, 2 * np.pi, n_samples // 2)",
            "inner_radius = 1",
            "outer_radius = 2",
            "inner_circle_x = inner_radius * np.cos(angles) + \(draw)",
            "inner_circle_y = inner_radius * np.sin(angles) + \(draw)",
            "outer_circle_x = outer_radius * np.cos(angles) + \(draw)",
            "outer_circle_y = outer_radius * np.sin(angles) + \(draw)",
            "X = np.concatenate((np.stack((inner_circle_x, inner_circle_y), axis=1),",
            "                    np.stack((outer_circle_x, outer_circle_y), axis=1)), axis=0)",
            "y = np.array([0] * (n_samples // 2) + [1] * (n_samples // 2))",
        ]
    }

    var splitSection: [String] {
        let split = data.prepared.split, test = Self.number(data.testFraction), seed = data.splitSeed
        let choose: [String]
        if writesNumPyCircles {
            // train_test_split rounds the test share up and the train share down; rarely, one row is in neither.
            let everyRow = split.train.count + split.test.count == data.prepared.dataset.count
            choose = [
                "# 2. Split: what scikit-learn's train_test_split(X, y, test_size=\(test), random_state=\(seed)) does:",
                "#    a permutation from a fresh RandomState(\(seed)); the first ceil(\(test) * n) rows are the test set.",
                "perm = np.random.RandomState(\(seed)).permutation(len(y))",
                "n_test = int(np.ceil(\(test) * len(y)))",
                "test_idx, train_idx = perm[:n_test], perm[n_test:" + (everyRow ? "]" : "n_test + \(split.train.count)]  # the train share rounded down"),
            ]
        } else {
            var source = "test=\(test), seed \(seed)"
            if case .loaded(let load) = data.origin, load.fileSplit { source = "from the file's split column" }
            choose = ["# 2. Split: nnlab's train/test split (\(source)), as row numbers of X."]
                + PythonLiteral.array("test_idx", split.test.map(String.init))
                + PythonLiteral.array("train_idx", split.train.map(String.init))
        }
        return choose + [
            "X_train, y_train = X[train_idx], y[train_idx]",
            "X_test, y_test = X[test_idx], y[test_idx]",
        ]
    }

    var scalingSection: [String] {
        guard data.scaled else { return ["# 3. Scaling: none (scale=off): the model sees the raw values."] }
        return [
            "# 3. Scaling: what scikit-learn's StandardScaler does: the mean and population standard deviation",
            "#    of the training rows, applied to both splits.",
            "mean, std = X_train.mean(axis=0), X_train.std(axis=0)",
            "std[std == 0] = 1  # a constant column is left as it is",
            "X_train = (X_train - mean) / std",
            "X_test = (X_test - mean) / std",
        ]
    }

    /// The heading of section 4, the same in every framework.
    var modelHeading: [String] {
        ["# 4. Model: `\(modelCommand)` in nnlab. Weights start Glorot-uniform and biases at zero,",
         "#    as in nnlab (Keras' defaults)."]
    }
}
