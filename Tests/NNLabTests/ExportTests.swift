import Foundation
import XCTest
@testable import NNLab

/// `export keras|pytorch`: the scripts compile, name the session's model and settings, and rebuild
/// exactly nnlab's data. Needs python3 with numpy (NNLAB_PYTHON may name another interpreter); the
/// whole scripts run only where Keras or PyTorch is installed, and are skipped elsewhere.
final class ExportTests: XCTestCase {
    var scratch = ""

    override func setUpWithError() throws {
        scratch = NSTemporaryDirectory() + "nnlab-export-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// A session whose relative files go to the scratch folder, after running `lines`.
    func session(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) -> Session {
        let s = Session()
        s.directory = scratch
        for command in lines {
            if case .error(let e)? = s.run(command).first { XCTFail("\(command): \(e)", file: file, line: line) }
        }
        return s
    }

    /// Writes the script through the session and returns its text.
    func export(_ s: Session, _ framework: ScriptFramework, as name: String? = nil, options: String = "",
                file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let name = name ?? "example_\(framework.rawValue).py"
        XCTAssertEqual(s.run("export \(framework.rawValue) file=\(name)" + (options.isEmpty ? "" : " " + options)),
                       [.text("wrote a \(framework == .keras ? "Keras" : "PyTorch") script to \(name)")], file: file, line: line)
        return try String(contentsOfFile: scratch + "/" + name, encoding: .utf8)
    }

    // MARK: python

    struct PythonRun { var status: Int32; var stdout: String; var stderr: String }

    static var interpreter: String { ProcessInfo.processInfo.environment["NNLAB_PYTHON"] ?? "python3" }

    /// Runs the interpreter with `arguments`; output goes through files, so a chatty framework cannot block it.
    func python(_ arguments: [String], interpreter: String = ExportTests.interpreter) throws -> PythonRun {
        let out = scratch + "/python-\(UUID().uuidString).out", err = out + ".err"
        for path in [out, err] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [interpreter] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: scratch)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        process.waitUntilExit()
        return PythonRun(status: process.terminationStatus,
                         stdout: try String(contentsOfFile: out, encoding: .utf8),
                         stderr: try String(contentsOfFile: err, encoding: .utf8))
    }

    /// Fails the test, with what to install, when there is no python3 with numpy: these tests never pass silently.
    func requireNumPy(file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try python(["-c", "import numpy"])
        guard check.status == 0 else {
            let what = check.status == 127 ? "\(Self.interpreter) was not found" : "numpy is not importable"
            XCTFail("ExportTests check the exported scripts with Python: \(what). Install python3 and numpy "
                    + "(or set NNLAB_PYTHON to an interpreter that has them). \(check.stderr)", file: file, line: line)
            throw CommandError("no python3 with numpy")
        }
    }

    func pythonOK(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let run = try python(arguments)
        XCTAssertEqual(run.status, 0, "python \(arguments.prefix(2)): \(run.stderr)", file: file, line: line)
        return run.stdout
    }

    /// Sections 1 to 3 of a script (data, split, scaling), run with plain NumPy, printing what they built:
    /// one line per row of X, X_train and X_test (floats as repr, which reads back exactly), and one line
    /// each for y, train_idx and test_idx.
    func dataSection(of script: String, in folder: String = "") throws -> [String: [[String]]] {
        let lines = script.components(separatedBy: "\n")
        let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("# 1. Data") })
        let end = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("# 4. Model") })
        let code = (["import csv", "from pathlib import Path", "import numpy as np"] + lines[start..<end] + [
            "for name, a in [('X', X), ('X_train', X_train), ('X_test', X_test)]:",
            "    for row in a:",
            "        print(name, *[repr(float(v)) for v in row])",
            "for name, a in [('y', y), ('train', train_idx), ('test', test_idx)]:",
            "    print(name, *[int(v) for v in a])",
        ]).joined(separator: "\n")
        // Run as a file beside the script, where a CSV it reads is found.
        let file = "\(folder)data_section_\(UUID().uuidString).py"
        try code.write(toFile: scratch + "/" + file, atomically: true, encoding: .utf8)
        var printed: [String: [[String]]] = [:]
        for row in try pythonOK([file]).split(separator: "\n") {
            let fields = row.split(separator: " ").map(String.init)
            printed[fields[0], default: []].append(Array(fields.dropFirst()))
        }
        return printed
    }

    func doubles(_ rows: [[String]]?) -> [Double] { (rows ?? []).flatMap { $0.map { Double($0)! } } }
    func integers(_ rows: [[String]]?) -> [Int] { (rows ?? []).flatMap { $0.map { Int($0)! } } }

    // MARK: tests

    func testNeedsDataAndAModelAndAPythonFile() {
        let s = session([])
        XCTAssertEqual(s.run("export keras file=a.py"), [.error("no data yet: type `data circles` first")])
        _ = s.run("data circles")
        XCTAssertEqual(s.run("export pytorch file=a.py"),
                       [.error("no model yet: type `model dense16 relu` (or `model linear`) first")])
        XCTAssertEqual(s.run("export keras"), [.error("export keras needs file=PATH.py")])
        XCTAssertEqual(s.run("export keras file=a.txt"),
                       [.error("file must be a file name ending in .py (got 'a.txt')\n  export keras file=a.txt\n               ^")])
        XCTAssertEqual(s.run("export tensorflow file=a.py"),
                       [.error("unknown export 'tensorflow' (one of: data, keras, pytorch)\n  export tensorflow file=a.py\n         ^")])
        _ = s.run("model linear")
        XCTAssertEqual(s.run("export keras file=keras.py"),
                       [.error("name the script something other than keras.py: Python would import it in place of keras")])
        guard case .error(let e)? = s.run("export keras file=/nonexistent-dir/a.py").first else { return XCTFail() }
        XCTAssertTrue(e.hasPrefix("cannot write /nonexistent-dir/a.py"), e)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch + "/a.py"))
    }

    func testScriptsCompileForEveryModelOptimizerAndDataSet() throws {
        try requireNumPy()
        let sessions = [
            ["data circles", "model linear"],
            ["data circles n=151 noise=0.37 seed=9 test=0.3", "model dense16 relu", "train lr=0.01 epochs=20"],
            ["data moons flip=0.1 imbalance=0.5 scale=off", "model dense32 relu dense8 tanh",
             "train optimizer=momentum lr=0.05 batch=16 epochs=15 seed=3 l2=0.001"],
            ["data xor", "model dense8 leaky_relu dense4 sigmoid dense4 linear", "train optimizer=rmsprop epochs=5"],
            ["data spiral n=60", "model dense8 tanh", "train optimizer=sgd lr=0.1 epochs=5", "train continue epochs=3"],
            ["data blobs", "model linear", "train epochs=3"],
            ["data gauss test=0.5", "model dense4 relu", "train batch=500 epochs=2"],
        ]
        try ("a,b,kind\n" + (0..<30).map { "\($0),\($0 % 4),\($0 % 3 == 0 ? "cat" : "dog")" }.joined(separator: "\n"))
            .write(toFile: scratch + "/pets.csv", atomically: true, encoding: .utf8)
        var files: [String] = []
        for (i, lines) in (sessions + [["data load file=pets.csv", "model dense4 relu", "train optimizer=rmsprop epochs=3"]]).enumerated() {
            let s = session(lines)
            for framework in ScriptFramework.allCases {
                for options in ["", "exact=off", "embed=on"] {
                    let name = "s\(i)_\(framework.rawValue)\(options.isEmpty ? "" : "_" + options.prefix(5)).py"
                    _ = try export(s, framework, as: name, options: options)
                    files.append(name)
                }
            }
        }
        _ = try pythonOK(["-m", "py_compile"] + files)
    }

    func testScriptsNameTheLayersOptimizerAndSettings() throws {
        let s = session(["data moons", "model dense32 relu dense8 tanh",
                         "train optimizer=momentum lr=0.05 batch=16 epochs=15 seed=3 l2=0.001"])
        let keras = try export(s, .keras), torch = try export(s, .pytorch)
        let kerasOff = try export(s, .keras, as: "off_keras.py", options: "exact=off")
        let torchOff = try export(s, .pytorch, as: "off_torch.py", options: "exact=off")
        let shared = [
            "rng = np.random.RandomState(3)", "widths = [2, 32, 8, 1]",
            "kernels = [rng.uniform(-np.sqrt(6 / (a + b)), np.sqrt(6 / (a + b)), (a, b)) for a, b in zip(widths, widths[1:])]",
            "for epoch in range(15):", "rng.permutation(len(y_train))", "    for start in range(0, len(order), 16):",
            "    progress(epoch + 1)", "    if epoch % 1 == 0 or epoch == 15:",
        ]
        for expected in shared + [
            "keras.config.set_floatx('float64')", "l2 = keras.regularizers.l2(0.001)", "    keras.Input(shape=(2,)),",
            "    keras.layers.Dense(32, activation='relu', kernel_regularizer=l2),",
            "    keras.layers.Dense(8, activation='tanh', kernel_regularizer=l2),",
            "    keras.layers.Dense(1, kernel_regularizer=l2),  # the logit",
            "    layer.set_weights([kernel, np.zeros(kernel.shape[1])])",
            "optimizer = keras.optimizers.SGD(learning_rate=0.05, momentum=0.9)\n",
            "loss=keras.losses.BinaryCrossentropy(from_logits=True), jit_compile=False)",
            "        model.train_on_batch(X_train[batch], Y_train[batch])",
        ] { XCTAssertTrue(keras.contains(expected), "Keras script lacks \(expected)") }
        for expected in shared + [
            "torch.set_num_threads(1)", "torch.set_default_dtype(torch.float64)",
            "    nn.Linear(2, 32), nn.ReLU(),", "    nn.Linear(32, 8), nn.Tanh(),", "    nn.Linear(8, 1),  # the logit\n)",
            "        layer.weight.copy_(torch.from_numpy(kernel.T))", "loss_fn = nn.BCEWithLogitsLoss()",
            "optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)",
            "loss = loss + 0.001 * sum((layer.weight ** 2).sum() for layer in linears)", "model.train()", "model.eval()",
        ] { XCTAssertTrue(torch.contains(expected), "PyTorch script lacks \(expected)") }
        for expected in [
            "keras.utils.set_random_seed(3)", "import tensorflow as tf",
            ".shuffle(len(y_train), seed=3, reshuffle_each_iteration=True).batch(16))", "model.fit(batches, epochs=15, verbose=0,",
        ] { XCTAssertTrue(kerasOff.contains(expected), "Keras exact=off script lacks \(expected)") }
        for expected in [
            "torch.manual_seed(3)", "nn.init.xavier_uniform_(layer.weight)", "nn.init.zeros_(layer.bias)",
            "DataLoader(TensorDataset(X_train_t, Y_train_t), batch_size=16, shuffle=True,", "    for X_batch, Y_batch in batches:",
        ] { XCTAssertTrue(torchOff.contains(expected), "PyTorch exact=off script lacks \(expected)") }
        for script in [kerasOff, torchOff] {
            XCTAssertFalse(script.contains("RandomState(3)") || script.contains("'float64')") || script.contains("(torch.float64)"),
                           "exact=off is the framework's own way")
        }
        let last = s.run!.history.last!
        for script in [keras, torch, kerasOff, torchOff] {
            XCTAssertTrue(script.contains("#   train lr=0.05 epochs=15 batch=16 optimizer=momentum seed=3 l2=0.001\n"))
            XCTAssertTrue(script.contains("# nnlab got test accuracy \(PythonScript.accuracy(last.testAccuracy)) with these settings (seed 3)."))
            XCTAssertTrue(script.contains("nnlab = {'train': {'accuracy': \(last.trainAccuracy), 'loss': \(last.trainLoss)}, "
                                          + "'test': {'accuracy': \(last.testAccuracy), 'loss': \(last.testLoss)}}"), "nnlab's figures, exactly")
            XCTAssertTrue(script.contains("print(json.dumps({'framework': "))
            XCTAssertFalse(script.contains("sklearn"), "the scripts do not need scikit-learn")
        }
    }

    /// class_weight=balanced: both scripts compute the weights from the training labels as nnlab does and weight
    /// each row's loss by them, exactly and idiomatically.
    func testClassWeightsReachTheScripts() throws {
        let s = session(["data gauss imbalance=0.2", "model dense8 relu", "train epochs=5 class_weight=balanced"])
        let weights = [
            "classes, counts = np.unique(y_train, return_counts=True)",
            "class_weight = {int(c): len(y_train) / (len(classes) * int(k)) for c, k in zip(classes, counts)}",
            "#   train lr=0.001 epochs=5 batch=32 optimizer=adam seed=0 class_weight=balanced\n",
        ]
        let keras = try export(s, .keras), kerasOff = try export(s, .keras, as: "off_keras.py", options: "exact=off")
        let torch = try export(s, .pytorch), torchOff = try export(s, .pytorch, as: "off_torch.py", options: "exact=off")
        for expected in weights + ["        model.train_on_batch(X_train[batch], Y_train[batch], class_weight=class_weight)"] {
            XCTAssertTrue(keras.contains(expected), "Keras script lacks \(expected)")
        }
        XCTAssertTrue(kerasOff.contains("model.fit(batches, epochs=5, verbose=0, class_weight=class_weight,"), kerasOff)
        let torchWeights = weights + [
            "W_train_t = torch.as_tensor([class_weight[int(c)] for c in y_train], dtype=dtype).reshape(-1, 1)",
            "loss_fn = nn.BCEWithLogitsLoss(reduction='none')", "        loss = (loss_fn(model(X_batch), Y_batch) * W_batch).mean()",
        ]
        for expected in torchWeights + ["        X_batch, Y_batch, W_batch = X_train_t[batch], Y_train_t[batch], W_train_t[batch]"] {
            XCTAssertTrue(torch.contains(expected), "PyTorch script lacks \(expected)")
        }
        for expected in torchWeights + ["DataLoader(TensorDataset(X_train_t, Y_train_t, W_train_t), batch_size=32, shuffle=True,",
                                        "    for X_batch, Y_batch, W_batch in batches:"] {
            XCTAssertTrue(torchOff.contains(expected), "PyTorch exact=off script lacks \(expected)")
        }
        try requireNumPy()
        _ = try pythonOK(["-m", "py_compile", "example_keras.py", "off_keras.py", "example_pytorch.py", "off_torch.py"])
    }

    /// Dropout, batch norm, early stopping, learning-rate decay and L1 (issue 15) reach both scripts, exact and
    /// idiomatic, and the scripts compile.
    func testRemediesReachTheScripts() throws {
        let s = session(["data moons n=60 noise=0.35", "model dense16 relu dense8 tanh dropout=0.2 batchnorm=on",
                         "train lr=0.01 epochs=50 lr_decay=0.99 l1=0.001 patience=20 val=0.25"])
        let keras = try export(s, .keras), kerasOff = try export(s, .keras, as: "off_keras.py", options: "exact=off")
        let torch = try export(s, .pytorch), torchOff = try export(s, .pytorch, as: "off_torch.py", options: "exact=off")
        let shared = ["split = int(np.floor(len(y_train) * (1 - 0.25)))",
                      "X_train, y_train, X_val, y_val = X_train[:split], y_train[:split], X_train[split:], y_train[split:]",
                      "#   model dense16 relu dense8 tanh dropout=0.2 batchnorm=on\n"]
        for script in [keras, kerasOff] {
            for expected in shared + ["    keras.layers.Dense(16, kernel_regularizer=penalty),",
                                      "    keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3),",
                                      "    keras.layers.Activation('tanh'),", "    keras.layers.Dropout(0.2),",
                                      "penalty = keras.regularizers.L1L2(l1=0.001, l2=0)",
                                      "keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=steps,",
                                      "optimizer = keras.optimizers.Adam(learning_rate=schedule, "] {
                XCTAssertTrue(script.contains(expected), "Keras script lacks \(expected)")
            }
        }
        XCTAssertTrue(keras.contains("        rng.random_sample(len(batch) * 24)"), "nnlab's dropout draws keep the batch order")
        XCTAssertTrue(keras.contains("    best_loss, best_weights, best_epoch, wait = val_loss, model.get_weights(), epoch + 1, 0"), keras)
        XCTAssertTrue(keras.contains("# Except dropout: Keras draws its own dropout masks"), "exact says where it cannot be")
        XCTAssertTrue(kerasOff.contains("keras.callbacks.EarlyStopping(monitor='val_loss', patience=20, restore_best_weights=True)"), kerasOff)
        for script in [torch, torchOff] {
            for expected in shared + ["    nn.Dropout(0.2),", "loss = loss + 0.001 * sum(layer.weight.abs().sum() for layer in linears)",
                                      "schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.99)", "    schedule.step()",
                                      "    best_loss, best_weights, best_epoch, wait = val_loss, copy.deepcopy(model.state_dict()), epoch + 1, 0",
                                      "model.load_state_dict(best_weights)"] {
                XCTAssertTrue(script.contains(expected), "PyTorch script lacks \(expected)")
            }
        }
        XCTAssertTrue(torch.contains("    nn.Linear(16, 8), BatchNormAsKeras(8), nn.Tanh(),"), torch)
        XCTAssertTrue(torchOff.contains("    nn.Linear(16, 8), nn.BatchNorm1d(8, momentum=0.01, eps=1e-3), nn.Tanh(),"), torchOff)
        XCTAssertTrue(keras.contains("for epoch in range(50):"), "early stopping runs over the epochs asked for")
        try requireNumPy()
        _ = try pythonOK(["-m", "py_compile", "example_keras.py", "off_keras.py", "example_pytorch.py", "off_torch.py"])
    }

    /// features: the scripts make the same inputs from the raw columns before the split and the scaling, and the
    /// model takes as many inputs; dropped points are in neither split and relabelled ones carry nnlab's labels.
    func testFeaturesAndEditedPointsReachTheScripts() throws {
        try requireNumPy()
        let s = session(["data circles", "features x1 x2 x1^2 x1*x2 sin(x2)", "model linear", "train epochs=3"])
        let keras = try export(s, .keras)
        XCTAssertTrue(keras.contains("#   features x1 x2 x1^2 x1*x2 sin(x2)\n"), keras)
        XCTAssertTrue(keras.contains("    keras.Input(shape=(5,)),"), keras)
        let printed = try dataSection(of: keras), p = try XCTUnwrap(s.data?.prepared)
        let inputs = p.inputs.x, built = doubles(printed["X"])
        XCTAssertEqual(built.count, inputs.count)
        for (a, b) in zip(built, inputs) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertEqual(doubles(printed["X_train"]).count, p.split.train.count * 5)

        let noisy = session(["data moons n=400 noise=0.1 seed=5 flip=0.12", "model dense16 relu", "train epochs=100",
                             "data relabel show=label-noise", "train epochs=3"])
        let torch = try export(noisy, .pytorch), q = try XCTUnwrap(noisy.data?.prepared)
        XCTAssertTrue(torch.contains("#    `data relabel show=label-noise` gave the other label to 38 training rows (their labels below)"), torch)
        let rows = try dataSection(of: torch)
        XCTAssertEqual(integers(rows["y"]), q.dataset.y, "nnlab's labels after the relabelling")
        XCTAssertEqual(integers(rows["train"]), q.split.train)
    }

    /// The optimizers as nnlab steps them: Keras' RMSprop and PyTorch's Adam put epsilon elsewhere, so exact
    /// scripts bring their own; the idiomatic ones use the framework's and say where it differs.
    func testEachActivationAndOptimizerHasItsName() throws {
        let cases: [(model: String, train: String, keras: [String], torch: [String])] = [
            ("model linear", "train epochs=2",
             ["    keras.Input(shape=(2,)),\n    keras.layers.Dense(1),  # the logit\n])",
              "keras.optimizers.Adam(learning_rate=0.001, epsilon=1e-7)"],
             ["model = nn.Sequential(\n    nn.Linear(2, 1),  # the logit\n)", "class AdamAsNnlab(torch.optim.Optimizer):",
              "optimizer = AdamAsNnlab(model.parameters(), lr=0.001)", "p.sub_(alpha * m / (v.sqrt() + eps))"]),
            ("model dense8 leaky_relu dense4 sigmoid", "train optimizer=rmsprop lr=0.002 epochs=2",
             ["Dense(8, activation='leaky_relu')", "Dense(4, activation='sigmoid')", "class RMSpropAsNnlab(keras.optimizers.Optimizer):",
              "optimizer = RMSpropAsNnlab(learning_rate=0.002)", "lr * g / (keras.ops.sqrt(s) + self.epsilon)"],
             ["nn.Linear(2, 8), nn.LeakyReLU(0.2),", "nn.Linear(8, 4), nn.Sigmoid(),", "nn.Linear(4, 1),",
              "torch.optim.RMSprop(model.parameters(), lr=0.002, alpha=0.9, eps=1e-7)  # divides by sqrt(v) + eps"]),
            ("model dense5 linear", "train optimizer=sgd lr=0.3 epochs=2",
             ["Dense(5, activation='linear')", "keras.optimizers.SGD(learning_rate=0.3)\n"],
             ["nn.Linear(2, 5), nn.Identity(),", "torch.optim.SGD(model.parameters(), lr=0.3)\n"]),
        ]
        for c in cases {
            let s = session(["data circles", c.model, c.train])
            let keras = try export(s, .keras), torch = try export(s, .pytorch)
            for e in c.keras { XCTAssertTrue(keras.contains(e), "\(c.model): Keras script lacks \(e)") }
            for e in c.torch { XCTAssertTrue(torch.contains(e), "\(c.model): PyTorch script lacks \(e)") }
            XCTAssertFalse(keras.contains("regularizer") || torch.contains("** 2)"), "no l2 unless asked")
        }
        let s = session(["data circles", "model dense4 relu", "train optimizer=rmsprop epochs=2"])
        XCTAssertTrue(try export(s, .keras, options: "exact=off")
            .contains("keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-7)  # Keras 3 divides by sqrt(v + epsilon)"))
        _ = s.run("train optimizer=adam epochs=2")
        XCTAssertTrue(try export(s, .pytorch, options: "exact=off").contains("torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)"))
    }

    func testUntrainedAndContinuedRunsSayWhichSettingsTheyUse() throws {
        let untrained = try export(session(["data circles", "model dense16 relu"]), .keras)
        XCTAssertTrue(untrained.contains("#   train lr=0.001 epochs=500 batch=32 optimizer=adam seed=0\n"))
        XCTAssertTrue(untrained.contains("# nnlab has not trained this model yet"))
        XCTAssertTrue(untrained.contains("for epoch in range(500):") && untrained.contains("range(0, len(order), 32)"))
        XCTAssertTrue(untrained.contains("nnlab = None"))
        XCTAssertFalse(untrained.contains("nnlab got"))
        let seeded = try export(session(["data circles", "model linear", "set seed=3"]), .pytorch)
        XCTAssertTrue(seeded.contains("seed=3\n") && seeded.contains("rng = np.random.RandomState(3)"), "the seed `train` would use")

        let continued = try export(session(["data circles", "model dense4 relu", "train epochs=20", "train continue epochs=5"]), .pytorch)
        XCTAssertTrue(continued.contains("for epoch in range(25):"), "the epochs nnlab's model was trained for in all")
        XCTAssertTrue(continued.contains("the last `train` asked for 5"))
        XCTAssertFalse(continued.contains("changed settings part way"), "only the epochs changed: the script retraces nnlab's run")
        for change in ["lr=0.01", "batch=8", "seed=1", "optimizer=sgd", "l2=0.01"] {
            let changed = try export(session(["data circles", "model dense4 relu", "train epochs=20", "train continue epochs=5 \(change)",
                                              "train continue epochs=5"]), .keras)
            XCTAssertTrue(changed.contains("# Except here: a `train continue` changed settings part way"), change)
        }
        XCTAssertFalse(try export(session(["data circles", "model dense4 relu", "train epochs=5", "train continue lr=0.01 epochs=5",
                                           "train epochs=5"]), .keras).contains("changed settings part way"), "a fresh train starts over")
    }

    /// The post's NumPy code, with the session's n, noise and seeds, gives nnlab's points (as
    /// `export data` writes them) within 1e-12, the same split in the same order, and nnlab's scaled values.
    func testCirclesDataSectionIsNumPysAndReproducesNnlabsData() throws {
        try requireNumPy()
        // n=90 test=0.3: 27 test rows and floor(0.7 * 90) = floor(62.99999999999999) train rows leave one row in neither.
        for settings in ["data circles", "data circles n=151 noise=0.37 seed=9 test=0.3", "data circles n=40 noise=0 seed=1 scale=off",
                         "data circles n=90 test=0.3"] {
            let s = session([settings, "model dense16 relu"])
            let script = try export(s, .pytorch)
            XCTAssertTrue(script.contains("np.random.normal(0, "), "circles are the post's code, not literals")
            XCTAssertTrue(script.contains("perm = np.random.RandomState("))
            XCTAssertFalse(script.contains("X = np.array(["))
            XCTAssertEqual(script.contains("perm[n_test:n_test + 62]"), settings.hasSuffix("n=90 test=0.3"), settings)
            _ = s.run("export data file=points.csv")
            let csv = try String(contentsOfFile: scratch + "/points.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            let printed = try dataSection(of: script)
            let x = doubles(printed["X"])
            XCTAssertEqual(x.count, 2 * csv.count, settings)
            for row in csv {
                let f = row.split(separator: ","), i = Int(f[0])!
                XCTAssertEqual(x[2 * i], Double(f[1])!, accuracy: 1e-12, "\(settings) row \(i)")
                XCTAssertEqual(x[2 * i + 1], Double(f[2])!, accuracy: 1e-12, "\(settings) row \(i)")
                XCTAssertEqual(integers(printed["y"])[i], Int(f[3]), "\(settings) row \(i)")
            }
            let g = s.data!.prepared
            XCTAssertEqual(integers(printed["train"]), g.split.train, settings)
            XCTAssertEqual(integers(printed["test"]), g.split.test, settings)
            let training = g.training
            for (got, want) in [(doubles(printed["X_train"]), training.xTrain), (doubles(printed["X_test"]), training.xTest)] {
                XCTAssertEqual(got.count, want.count, settings)
                for (a, b) in zip(got, want) { XCTAssertEqual(a, b, accuracy: 1e-12, settings) }
            }
        }
    }

    /// Every other set, and loaded data, is written out: the literals read back to nnlab's values exactly,
    /// flipped labels included.
    func testOtherSetsEmbedNnlabsExactValues() throws {
        try requireNumPy()
        for commands in [["data moons n=60 noise=0.15 seed=5 flip=0.1"], ["data moons imbalance=0.3 scale=off"],
                         ["data circles n=50 flip=0.2"], ["data spiral n=30 noise=0.01"],
                         ["data xor n=40", "export data file=xor.csv", "data load file=xor.csv"]] {
            let s = session(commands + ["model dense8 relu"]), settings = commands.last!
            let script = try export(s, .keras, options: "embed=on")
            XCTAssertTrue(script.contains("X = np.array([") && script.contains("test_idx = np.array(["), settings)
            let g = s.data!, printed = try dataSection(of: script)
            XCTAssertEqual(doubles(printed["X"]), g.prepared.dataset.x, settings)
            XCTAssertEqual(integers(printed["y"]), g.prepared.dataset.y, settings)
            XCTAssertEqual(integers(printed["train"]), g.prepared.split.train, settings)
            XCTAssertEqual(integers(printed["test"]), g.prepared.split.test, settings)
            let training = g.prepared.training
            if g.scaled {
                for (a, b) in zip(doubles(printed["X_train"]), training.xTrain) { XCTAssertEqual(a, b, accuracy: 1e-12, settings) }
            } else {
                XCTAssertEqual(doubles(printed["X_train"]), training.xTrain, "scale=off: raw values, \(settings)")
            }
            if !g.flipped.isEmpty {
                XCTAssertTrue(script.contains("training labels are flipped on purpose"), settings)
                XCTAssertTrue(g.flipped.allSatisfy { g.prepared.split.train.contains($0) })
            }
        }
    }

    /// A loaded CSV is read by the script from its path relative to the script, as `data load` read it: text
    /// labels mapped as nnlab mapped them, an index column's order, the file's split column or nnlab's split.
    func testLoadedCSVIsReadFromItsPathAsNnlabReadIt() throws {
        try requireNumPy()
        try FileManager.default.createDirectory(atPath: scratch + "/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch + "/out", withIntermediateDirectories: true)
        // Rows out of order under an index column, blank lines, blanks around fields, and a split column.
        let rows = (0..<30).map { i in "\((i * 7) % 30), \(Double(i) * 0.25 - 3), \(i % 5),\(i % 3 == 0 ? "cat" : "dog"),\(i < 8 ? "test" : "train")" }
        try ("index,u,v,pet,split\n" + rows.prefix(15).joined(separator: "\n") + "\n\n" + rows.dropFirst(15).joined(separator: "\n") + "\n")
            .write(toFile: scratch + "/data/pets.csv", atomically: true, encoding: .utf8)
        try ("x,y2,label\n" + (0..<25).map { "\(Double($0) / 3),\(($0 * 13) % 7),\($0 % 2 == 0 ? "b" : "a")" }.joined(separator: "\n"))
            .write(toFile: scratch + "/data/plain.csv", atomically: true, encoding: .utf8)
        for load in ["data load file=data/pets.csv label=pet", "data load file=data/plain.csv test=0.3 seed=5"] {
            let s = session([load, "model dense4 relu"])
            let script = try export(s, .pytorch, as: "out/reads.py")
            XCTAssertTrue(script.contains("data_file = Path(__file__).resolve().parent / '../data/"), load)
            XCTAssertFalse(script.contains("X = np.array([\n"), "no rows in the script: \(load)")
            let g = s.data!, printed = try dataSection(of: script, in: "out/")
            XCTAssertEqual(doubles(printed["X"]), g.prepared.dataset.x, load)
            XCTAssertEqual(integers(printed["y"]), g.prepared.dataset.y, load)
            XCTAssertEqual(integers(printed["train"]), g.prepared.split.train, load)
            XCTAssertEqual(integers(printed["test"]), g.prepared.split.test, load)
            for (a, b) in zip(doubles(printed["X_train"]), g.prepared.training.xTrain) { XCTAssertEqual(a, b, accuracy: 1e-12, load) }
        }
        XCTAssertTrue(try export(session(["data load file=data/pets.csv label=pet", "model linear"]), .keras)
            .contains("classes = {'cat': 0, 'dog': 1}  # the label text of each class, as nnlab numbered them"))

        // Gone since it was loaded: the rows go into the script, and the message says why.
        let s = session(["data load file=data/plain.csv", "model linear"])
        try FileManager.default.removeItem(atPath: scratch + "/data/plain.csv")
        XCTAssertEqual(s.run("export keras file=gone.py"),
                       [.text("wrote a Keras script to gone.py (data/plain.csv is not there any more: its rows are written into the script)")])
        XCTAssertTrue(try String(contentsOfFile: scratch + "/gone.py", encoding: .utf8).contains("X = np.array([\n"))
    }

    /// The interpreter that runs whole scripts: NNLAB_FRAMEWORK_PYTHON (a venv with Keras and PyTorch, see the
    /// README), else NNLAB_PYTHON or python3.
    static var frameworkInterpreter: String {
        ProcessInfo.processInfo.environment["NNLAB_FRAMEWORK_PYTHON"] ?? interpreter
    }

    /// exact=on reproduces nnlab: where Keras or PyTorch is installed, each script run on five configurations (all
    /// four optimizers, deep and linear models, l2, a loaded CSV, a continued run) prints nnlab's accuracy on both
    /// splits exactly and its losses within 1e-4. Skipped where neither is: the suite never depends on them.
    func testExactScriptsReproduceNnlabWhereAFrameworkIsInstalled() throws {
        try requireNumPy()
        let installed = try ScriptFramework.allCases.filter {
            try python(["-c", "import \($0 == .keras ? "keras" : "torch")"], interpreter: Self.frameworkInterpreter).status == 0
        }
        guard !installed.isEmpty else {
            throw XCTSkip("neither Keras nor PyTorch is importable by \(Self.frameworkInterpreter) (set NNLAB_FRAMEWORK_PYTHON): "
                          + "the scripts were compiled, not run")
        }
        try ("a,b,kind\n" + (0..<80).map { "\(sin(Double($0))),\(Double($0 % 9) / 4),\(($0 * 5) % 7 < 3 ? "cat" : "dog")" }
            .joined(separator: "\n")).write(toFile: scratch + "/pets.csv", atomically: true, encoding: .utf8)
        try threeClasses.write(toFile: scratch + "/three.csv", atomically: true, encoding: .utf8)
        let configurations = [
            ["data circles", "model dense16 relu", "train lr=0.01 epochs=100", "train continue epochs=50"],
            ["data circles n=151 noise=0.37 seed=9 test=0.3", "model dense16 relu dense8 tanh", "train optimizer=sgd lr=0.1 batch=16 epochs=100 seed=2"],
            ["data moons flip=0.1", "model dense8 leaky_relu", "train optimizer=momentum lr=0.05 epochs=100 seed=3 l2=0.001"],
            ["data load file=pets.csv", "model dense8 tanh", "train optimizer=rmsprop lr=0.005 epochs=100 seed=1"],
            ["data xor imbalance=0.5 scale=off", "model linear", "train optimizer=rmsprop lr=0.01 batch=500 epochs=60"],
            ["data gauss imbalance=0.2", "model dense8 relu", "train lr=0.01 epochs=60 batch=16 class_weight=balanced"],
            // Batch norm, early stopping (it stops at epoch 30 and keeps epoch 10), decay, l1 and l2 together.
            ["data moons n=60 noise=0.35", "model dense16 relu dense8 tanh batchnorm=on",
             "train lr=0.01 epochs=200 lr_decay=0.99 l1=0.001 l2=0.001 patience=20"],
            // Three classes and more: the softmax head and the sparse categorical loss.
            ["data spiral classes=3", "model dense16 relu", "train lr=0.01 epochs=100"],
            ["data load file=three.csv", "model linear", "train optimizer=momentum lr=0.05 epochs=60 class_weight=balanced"],
            ["data blobs classes=4 noise=1 flip=0.1", "model dense8 tanh", "train optimizer=rmsprop lr=0.005 epochs=60 l2=0.001"],
        ]
        for (i, commands) in configurations.enumerated() {
            let s = session(commands), last = s.run!.history.last!
            for framework in installed {
                let name = "exact\(i)_\(framework.rawValue).py"
                _ = try export(s, framework, as: name)
                let run = try python([name], interpreter: Self.frameworkInterpreter)
                XCTAssertEqual(run.status, 0, "\(name): \(run.stderr.suffix(2000))")
                let json = try XCTUnwrap(run.stdout.split(separator: "\n").last.map(String.init), "\(name) printed nothing")
                let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
                XCTAssertEqual(result["framework"] as? String, framework.rawValue)
                let nnlab = try XCTUnwrap(result["nnlab"] as? [String: [String: Double]], json)
                for (split, accuracy, loss) in [("train", last.trainAccuracy, last.trainLoss), ("test", last.testAccuracy, last.testLoss)] {
                    let ours = try XCTUnwrap(result[split] as? [String: Double], json)
                    // Foundation's JSON reader may miss the last bit of a number: 1e-12 is far below one point in n (5e-5 here).
                    XCTAssertEqual(try XCTUnwrap(nnlab[split]?["accuracy"]), accuracy, accuracy: 1e-12, "\(name): nnlab's own figures")
                    XCTAssertEqual(try XCTUnwrap(nnlab[split]?["loss"]), loss, accuracy: 1e-12, "\(name): nnlab's own figures")
                    XCTAssertEqual(try XCTUnwrap(ours["accuracy"]), accuracy, accuracy: 1e-12, "\(name) \(split) accuracy: \(commands)")
                    XCTAssertEqual(try XCTUnwrap(ours["loss"]), loss, accuracy: 1e-4, "\(name) \(split) loss: \(commands)")
                }
            }
        }
        // Dropout masks come from each framework's own generator: the exact script lands within nnlab's spread over
        // 10 seeds (give or take one test point), not on its digits.
        let dropout = session(["data moons n=60 noise=0.35", "model dense64 relu dense64 relu dropout=0.2", "train lr=0.01 epochs=300"])
        let spread = try (0..<10).map { seed -> Double in
            let run = session(["data moons n=60 noise=0.35", "model dense64 relu dense64 relu dropout=0.2",
                               "train lr=0.01 epochs=300 seed=\(seed)"]).run
            return try XCTUnwrap(run?.history.last?.testAccuracy)
        }
        for framework in installed {
            let name = "dropout_\(framework.rawValue).py"
            _ = try export(dropout, framework, as: name)
            let run = try python([name], interpreter: Self.frameworkInterpreter)
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr.suffix(2000))")
            let json = try XCTUnwrap(run.stdout.split(separator: "\n").last.map(String.init), "\(name) printed nothing")
            let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
            let test = try XCTUnwrap((result["test"] as? [String: Double])?["accuracy"], json)
            XCTAssertTrue((spread.min()! - 1.0 / 12 - 1e-9...spread.max()! + 1.0 / 12 + 1e-9).contains(test), "\(name): \(test) against \(spread)")
        }
        // exact=off, the framework's own initialisers and shuffling in float32, runs too and learns the circles
        // and three blobs.
        for (i, commands) in [["data circles", "model dense16 relu", "train lr=0.01 epochs=150"],
                              ["data blobs classes=3", "model dense16 relu", "train lr=0.01 epochs=150"]].enumerated() {
        let s = session(commands)
        for framework in installed {
            let name = "idiomatic\(i)_\(framework.rawValue).py"
            _ = try export(s, framework, as: name, options: "exact=off")
            let run = try python([name], interpreter: Self.frameworkInterpreter)
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr.suffix(2000))")
            let json = try XCTUnwrap(run.stdout.split(separator: "\n").last.map(String.init), "\(name) printed nothing")
            let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
            let test = try XCTUnwrap(result["test"] as? [String: Double], json)
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(test["accuracy"]), 0.9, "\(name): \(json)")
            XCTAssertTrue(run.stdout.contains("epoch 15/150: train accuracy "), "a progress line every tenth: \(run.stdout.prefix(500))")
        }
        }
    }

    /// Issue 14 item 6: with three classes the idiomatic scripts (exact=off: the framework's own initialisers,
    /// shuffling and float32) land within nnlab's spread over 10 seeds, give or take one test point: iris (the
    /// fixture, loaded from its CSV) and the three-arm spiral at the issue's setting. Skipped without a framework.
    func testThreeClassScriptsLandWithinNnlabsSeedSpread() throws {
        try requireNumPy()
        let installed = try ScriptFramework.allCases.filter {
            try python(["-c", "import \($0 == .keras ? "keras" : "torch")"], interpreter: Self.frameworkInterpreter).status == 0
        }
        guard !installed.isEmpty else {
            throw XCTSkip("neither Keras nor PyTorch is importable by \(Self.frameworkInterpreter) (set NNLAB_FRAMEWORK_PYTHON)")
        }
        let iris = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TranscriptTests/Fixtures/iris.csv")
        try FileManager.default.copyItem(atPath: iris.path, toPath: scratch + "/iris.csv")
        for (name, data, model, train) in [("iris", "data load file=iris.csv", "model dense16 relu", "train lr=0.01 epochs=150"),
                                           ("spiral", "data spiral classes=3", "model dense64 relu dense64 relu", "train lr=0.01 epochs=1000")] {
            let spread = try (0..<10).map { seed in
                try XCTUnwrap(session([data, model, train + " seed=\(seed)"]).run?.history.last?.testAccuracy)
            }
            let s = session([data, model, train]), point = 1 / Double(s.data!.prepared.split.test.count)
            for framework in installed {
                let file = "\(name)_\(framework.rawValue).py"
                _ = try export(s, framework, as: file, options: "exact=off")
                let run = try python([file], interpreter: Self.frameworkInterpreter)
                XCTAssertEqual(run.status, 0, "\(file): \(run.stderr.suffix(2000))")
                let json = try XCTUnwrap(run.stdout.split(separator: "\n").last.map(String.init), "\(file) printed nothing")
                let result = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
                let test = try XCTUnwrap((result["test"] as? [String: Double])?["accuracy"], json)
                XCTAssertTrue((spread.min()! - point - 1e-9...spread.max()! + point + 1e-9).contains(test),
                              "\(file): \(test) against nnlab's \(spread)")
                print("three-class export: \(file) test \(test); nnlab over 10 seeds \(spread.min()!)–\(spread.max()!), seed 0 \(spread[0])")
            }
        }
    }

    /// Three features, three text classes (not in sorted order in the file).
    let threeClasses = "f1,f2,f3,species\n" + (0..<90).map { i in
        "\(sin(Double(i)) + Double(i % 3)),\(cos(Double(3 * i)) - Double(i % 3) / 2),\(Double(i % 7) / 7),\(["virginica", "setosa", "versicolor"][i % 3])"
    }.joined(separator: "\n") + "\n"

    /// k classes: a softmax over k units and the sparse categorical loss in Keras, `Linear(h, k)` and
    /// CrossEntropyLoss in PyTorch, measured by the largest logit and log-sum-exp; the data section
    /// rebuilds nnlab's k-class labels from the CSV and from generated points.
    func testKClassScriptsHaveASoftmaxHead() throws {
        try requireNumPy()
        try threeClasses.write(toFile: scratch + "/three.csv", atomically: true, encoding: .utf8)
        let s = session(["data load file=three.csv", "model dense16 relu", "train lr=0.01 epochs=20 class_weight=balanced"])
        let keras = try export(s, .keras), torch = try export(s, .pytorch)
        for part in ["keras.layers.Dense(3, activation='softmax'),  # a probability per class",
                     "loss=keras.losses.SparseCategoricalCrossentropy()", "def logits(X):", "keras.ops.matmul(h, last.kernel) + last.bias",
                     "widths = [3, 16, 3]", "z.argmax(axis=1) == y", "counts = np.bincount(y, minlength=3).tolist()",
                     "classes = {'setosa': 0, 'versicolor': 1, 'virginica': 2}"] {
            XCTAssertTrue(keras.contains(part), "keras: \(part)")
        }
        for part in ["nn.Linear(16, 3),  # a logit per class", "loss_fn = nn.CrossEntropyLoss(reduction='none')",
                     "Y_train_t = torch.as_tensor(y_train, dtype=torch.long)", "W_train_t = torch.as_tensor([class_weight[int(c)] for c in y_train], dtype=dtype)\n",
                     "np.log(np.exp(z - top[:, None]).sum(axis=1))"] {
            XCTAssertTrue(torch.contains(part), "pytorch: \(part)")
        }
        XCTAssertFalse(keras.contains("BinaryCrossentropy") || torch.contains("BCEWithLogitsLoss"))
        let d = s.data!.prepared.dataset
        XCTAssertEqual(integers(try dataSection(of: keras)["y"]), d.y)
        let spiral = session(["data spiral classes=3 flip=0.1", "model linear"])
        let generated = try export(spiral, .pytorch, as: "spiral.py")
        XCTAssertTrue(generated.contains("labels 0 to 2."), generated)
        XCTAssertEqual(integers(try dataSection(of: generated)["y"]), spiral.data!.prepared.dataset.y)
        _ = try pythonOK(["-m", "py_compile", "example_keras.py", "example_pytorch.py", "spiral.py"])
    }
}
