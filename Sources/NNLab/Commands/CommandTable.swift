import NNCore
import NNDiagnosis

/// The one table of commands. Parsing, dispatch, `help`, completion, "did you mean" and the command
/// writer read it; nothing repeats it. Each command names its handler, each settings key its field.
public enum CommandTable {
    public static let all: [CommandSpec] = dataCommands + [
        CommandSpec(name: "data load", words: .none, keys: [
            KeySpec(name: "file", kind: .path(ext: "csv"), defaultText: nil, help: "a CSV file with a header row", required: true,
                    field: .text(\LoadSpec.file)),
            KeySpec(name: "label", kind: .text, defaultText: nil, help: "the label column (default: label, class, target, y, or the last)",
                    field: .optionalText(\LoadSpec.label)),
            KeySpec(name: "test", kind: .real(0...0.9, openLow: true), defaultText: "0.2", help: "fraction held out for testing",
                    field: .real(\LoadSpec.test)),
            KeySpec(name: "seed", kind: .integer(0...Int(UInt32.max)), defaultText: "42", help: "the split", field: .seed(\LoadSpec.seed)),
            KeySpec(name: "scale", kind: .choice(["on", "off"]), defaultText: "on", help: "standard scaling fit on train",
                    field: .onOff(\LoadSpec.scaled)),
        ], summary: "your own data: numeric feature columns (up to \(Limits.features)) and one label column with 2 to \(Limits.classes) classes",
                    details: """
                    Labels are mapped to 0, 1, 2, ... in sorted order (numbers by value, then text by
                    character codes, so c10 comes before c2) and reported.
                    A column named index is skipped; a split column (train/test), as export data writes,
                    gives the split, and in a file laid out as export data writes it (index first, split
                    last) the label is the column before split. Blank lines are skipped.
                    """, examples: ["data load file=points.csv", "data load file=iris2.csv label=species test=0.3"],
                    run: { s, c in [.text(try s.loadData(c))] }),
        CommandSpec(name: "data info", words: .none, keys: [format],
                    summary: "sizes, class counts, ranges, split and corruptions of the data",
                    details: "", examples: ["data info", "data info format=json"],
                    run: { s, c in [.text(try s.dataInfo(json: c.text("format") == "json"))] }),
        CommandSpec(name: "data drop", words: .none, keys: [findingPoints("remove")],
                    summary: "remove the training points a finding lists (data drop show=label-noise); the test set stays",
                    details: """
                    Any finding that lists points will do (diagnose shows them on its points: line, plot show=ID
                    marks them). Only training points are removed: the test set is never touched, so test
                    accuracy before and after compares the same points. The scaling is fit again on the
                    training points left, and the model starts fresh. data info lists what was dropped;
                    data reset brings the points back.
                    """, examples: ["data drop show=label-noise"],
                    run: { s, c in [.text(try s.editData(.drop, finding: c.text("show")!))] }),
        CommandSpec(name: "data relabel", words: .none, keys: [findingPoints("relabel")],
                    summary: "give the other label to the training points a finding lists; the test set stays",
                    details: """
                    As data drop, but the points stay with the other of the two labels (with more classes,
                    each with the class the finding suspects for it: label-noise names one per point).
                    data info lists them; data reset gives them back their labels.
                    """, examples: ["data relabel show=label-noise"],
                    run: { s, c in [.text(try s.editData(.relabel, finding: c.text("show")!))] }),
        CommandSpec(name: "data reset", words: .none, keys: [],
                    summary: "undo data drop and data relabel: the data as generated or loaded (features kept)",
                    details: "", examples: ["data reset"],
                    run: { s, _ in [.text(try s.resetData())] }),
        CommandSpec(name: "export data", words: .none,
                    keys: [KeySpec(name: "file", kind: .path(ext: "csv"), defaultText: nil, help: "where to write", required: true)],
                    summary: "write the data as CSV: index,x1,x2,label,split (raw values)",
                    details: "Values are written unscaled, as the shortest text that reads back to the same number.",
                    examples: ["export data file=circles.csv"],
                    run: { s, c in [.text(try s.exportData(to: c.text("file")!))] }),
    ] + ScriptFramework.allCases.map { framework in
        CommandSpec(name: "export \(framework.rawValue)", words: .none,
                    keys: [KeySpec(name: "file", kind: .path(ext: "py"), defaultText: nil, help: "where to write", required: true),
                           KeySpec(name: "exact", kind: .choice(["on", "off"]), defaultText: "on",
                                   help: "nnlab's starting weights and batch order in double precision"),
                           KeySpec(name: "embed", kind: .choice(["on", "off"]), defaultText: "off",
                                   help: "write a loaded CSV's rows into the script")],
                    summary: "write a standalone \(framework.writer.title) script: the same data, model and training",
                    details: """
                    The script trains with the last train's settings (the defaults before any) and
                    prints train and test accuracy and loss next to nnlab's, then one line of JSON.
                    exact=on starts from nnlab's own weights and batch order, so it reproduces
                    nnlab's figures; exact=off is the script a person would write. A loaded CSV is
                    read from its path relative to the script (embed=on writes its rows in).
                    Run it with python3 FILE.
                    """,
                    examples: ["export \(framework.rawValue) file=circles_\(framework.rawValue).py",
                               "export \(framework.rawValue) file=circles_\(framework.rawValue).py exact=off"],
                    run: { s, c in [.text(try s.exportScript(framework, c))] })
    } + [
        CommandSpec(name: "features", words: .terms, keys: [],
                    summary: "the model's inputs, made from the columns: features x1 x2 x1^2 x2^2; features alone shows them",
                    details: """
                    Each word is an input: a column (x1), its square (x1^2), the product of two columns (x1*x2)
                    or the sine of one (sin(x1)), as in TensorFlow Playground. They are computed from the raw
                    values and then standardised like the columns (unless scale=off). features alone lists the
                    inputs and the words this data offers; features reset goes back to the raw columns. A new
                    data command starts from the raw columns again; the model starts fresh on the next train.
                    With x1^2 and x2^2 a model without hidden layers can draw a ring: a line in those inputs.
                    """,
                    examples: ["features", "features x1 x2 x1^2 x2^2", "features x1 x2 x1*x2 sin(x1) sin(x2)", "features reset"],
                    run: { s, c in [.text(try s.features(c.words))] }),
        CommandSpec(name: "model", words: .layers, keys: [
            KeySpec(name: "dropout", kind: .real(0...0.9, openLow: false), defaultText: "0",
                    help: "share of each hidden layer's outputs dropped in training", field: .real(\ModelOptions.dropout)),
            KeySpec(name: "batchnorm", kind: .choice(["on", "off"]), defaultText: "off",
                    help: "batch normalisation before each hidden activation", field: .onOff(\ModelOptions.batchNorm)),
        ], summary: "choose the network: linear, or hidden layers like dense16 relu",
                    details: """
                    `model linear` is one Dense(1, sigmoid) layer: a straight boundary.
                    `model dense16 relu` adds a hidden layer of 16 ReLU units; more follow in order.
                    The output layer is always added: one unit and a sigmoid for two classes, one unit
                    per class and a softmax for three or more (sparse categorical cross-entropy).
                    Activations: \(activations.joined(separator: ", ")).
                    dropout=R drops that share of every hidden layer's outputs at random in each training
                    step and scales the rest up by 1/(1-R) (Keras Dropout); evaluation uses them all.
                    batchnorm=on normalises each hidden layer's values before its activation by the
                    mini-batch's mean and variance in training and by running averages of them at
                    evaluation (Keras BatchNormalization: momentum 0.99, epsilon 0.001), then scales
                    and shifts them by two trained values per unit.
                    """,
                    examples: ["model linear", "model dense16 relu", "model dense32 relu dense16 tanh",
                               "model dense64 relu dense64 relu dropout=0.2", "model dense16 relu batchnorm=on"],
                    run: { s, c in [.text(try s.model(c))] }),
        CommandSpec(name: "train", words: .flags(["continue"]), keys: trainKeys, summary: "train the model (Keras defaults: Adam, lr 0.001, batch 32)",
                    details: """
                    Weights start from Glorot-uniform draws of the train seed; batches are
                    reshuffled every epoch. `continue` keeps the weights and optimizer state.
                    Ctrl-C stops training and keeps the model trained so far.
                    l1= and l2= add l1·Σ|w| and l2·Σw² over the weights (not biases) to the loss.
                    lr_decay=R multiplies the learning rate by R after every epoch: epoch e (from 0)
                    trains at lr·Rᵉ (Keras ExponentialDecay, one epoch's steps, staircase).
                    patience=N stops early: the last share val= of the training rows (never the test
                    rows) is held out, and once N epochs in a row bring no lower loss on it, training
                    stops and goes back to the weights of the epoch with the lowest (Keras
                    EarlyStopping with restore_best_weights); the report says where it stopped and which
                    epoch it kept. Train figures are then those of the rows it trained on.
                    """,
                    examples: ["train", "train lr=0.01 epochs=500", "train continue epochs=200", "train optimizer=sgd lr=0.1 seed=3",
                               "train epochs=1000 patience=20", "train lr=0.05 lr_decay=0.99", "train l1=0.001"],
                    run: { s, c in [.text(try s.train(c))] }),
        CommandSpec(name: "sweep", words: .none, keys: sweepKeys,
                    summary: "train every combination of settings over several seeds; median and range",
                    details: """
                    Any train key may take a list: lr=0.001,0.01,0.1 optimizer=adam,sgd.
                    Each setting trains from fresh weights with seeds 0, 1, ...; the best median test
                    accuracy is marked. The current model is kept as it was.
                    """,
                    examples: ["sweep lr=0.001,0.01,0.1", "sweep lr=0.01,0.1 optimizer=adam,sgd seeds=3 epochs=200",
                               "sweep epochs=50,200,1000 format=json"],
                    run: { s, c in [.text(try s.sweep(c))] }),
        CommandSpec(name: "curve", words: .none, keys: [
            KeySpec(name: "sizes", kind: .real(0...1, openLow: true), defaultText: "0.1,0.25,0.5,0.75,1",
                    help: "fractions of the training rows", list: true),
            KeySpec(name: "seeds", kind: .integer(1...20), defaultText: "3", help: "train seeds per size (from the train seed on)"),
            format, svgFile,
        ], summary: "would more data help? the model trained on growing shares of the training rows, with a verdict",
                    details: """
                    Trains the current model and settings on each fraction of the training rows (each class kept
                    in proportion; smaller shares get as many gradient steps as the whole set), always scored on
                    the same test set, and shows train and test accuracy (median and range over the seeds).
                    The verdict reads the larger half of the sizes: test still rising with the train-test gap
                    closing means more data would help; both flat and close means it will not (the model is
                    too simple, or the error left is the data's own); anything else says why it cannot tell.
                    The current model is kept as it was.
                    """, examples: ["curve", "curve sizes=0.2,0.4,0.6,0.8,1 seeds=5", "curve format=json", "curve file=curve.svg"],
                    run: { s, c in [.text(try s.curve(c))] }),
        CommandSpec(name: "compare", words: .none, keys: compareKeys,
                    summary: "train the current setup once per value of one setting: a table and the loss curves together",
                    details: """
                    One key takes 2 to 4 values (compare lr=0.001,0.01); other keys may fix a setting for all runs
                    (compare lr=0.001,0.01 epochs=200). Every run starts from the same weights (the train seed;
                    seeds=N uses N seeds and shows medians). The table gives final accuracy and loss, the first
                    epoch with 99% on train, and the epoch of the lowest test loss; the chart overlays the training
                    loss of every run. The current model is kept as it was.
                    """, examples: ["compare lr=0.001,0.01", "compare optimizer=adam,sgd lr=0.01 epochs=200",
                                    "compare batch=8,32,160 seeds=3", "compare lr=0.001,0.01 format=json", "compare lr=0.001,0.01 file=lr.svg"],
                    run: { s, c in [.text(try s.compare(c))] }),
        CommandSpec(name: "evaluate", words: .none, keys: [format],
                    summary: "accuracy and loss on train and test, recall per class, confusion matrix",
                    details: "", examples: ["evaluate", "evaluate format=json"],
                    run: { s, c in [.text(try s.evaluate(json: c.text("format") == "json"))] }),
        CommandSpec(name: "diagnose", words: .flags(["verify"]), keys: [format],
                    summary: "why accuracy is not 100%: every analyzer, with evidence and fixes to try",
                    details: """
                    Opens with the error budget: where the missing test accuracy goes.
                    `verify` runs each problem's fix as an experiment (5 seeds) and reports before -> after.
                    """, examples: ["diagnose", "diagnose verify", "diagnose format=json"],
                    run: { s, c in [.text(try s.diagnose(verify: c.has("verify"), json: c.text("format") == "json"))] }),
        CommandSpec(name: "plot", words: .flags(["boundary", "loss", "data", "units"]), keys: [
            KeySpec(name: "file", kind: .path(ext: "svg"), defaultText: nil, help: "write an SVG file instead"),
            KeySpec(name: "show", kind: .choice(Explanations.all.map(\.id)), defaultText: nil,
                    help: "mark the points a finding is about"),
            KeySpec(name: "layer", kind: .integer(1...Limits.layers), defaultText: "1", help: "the hidden layer plot units draws"),
        ], summary: "pictures: the decision boundary (default), the loss per epoch, the data, or each hidden unit",
                    details: """
                    o and x are the two classes (capitals: test points), ! a point the model gets wrong,
                    @ a point named by show=. Set NO_COLOR for plain characters.
                    plot units draws one small map per unit of a hidden layer: the unit's output over the
                    plane (the first two features, any others at their training mean), blank where it is
                    lowest and darkest where it is highest. Each map is labelled layer L unit U; + class 1
                    means more of the unit pushes the output toward class 1 (- toward class 0), and dead
                    marks a ReLU unit that outputs 0 for every training point. With ReLU each unit is a
                    half-plane cut by one straight line; the output layer adds them into the boundary,
                    and diagnose says (hidden-representation) whether they make the classes separable.
                    """, examples: ["plot", "plot data", "plot loss", "plot boundary show=label-noise", "plot file=boundary.svg",
                                    "plot units", "plot units layer=2 file=units.svg"],
                    run: { s, c in [.text(try s.plot(c))] }),
        CommandSpec(name: "explain", words: .name, keys: [],
                    summary: "the long explanation of a finding id; explain alone lists them",
                    details: "", examples: ["explain", "explain linear-inseparable"],
                    run: { s, c in [.text(try s.explain(c.words.first?.text))] }),
        CommandSpec(name: "status", words: .none, keys: [],
                    summary: "what is loaded, the model, and the last training", details: "", examples: ["status"],
                    run: { s, _ in [.text(s.status())] }),
        CommandSpec(name: "lesson", words: .name, keys: [],
                    summary: "start a lesson (lesson NAME), resume the one in progress, list them, or leave one",
                    details: """
                    lesson alone resumes the lesson in progress (in a new session its earlier commands run
                    again first) or lists the lessons; lesson list always lists them, in teaching order,
                    with the finished ones marked; lesson stop leaves the one in progress.
                    In a lesson, Enter runs the offered command; type your own to try a variation. When a
                    variation breaks what the lesson expects, it says so and goes back to that step.
                    """, examples: ["lesson", "lesson list", "lesson circles", "lesson stop"],
                    run: { s, c in [.text(try s.lesson(c.words.first?.text))] }),
        CommandSpec(name: "record", words: .flags(["stop"]),
                    keys: [KeySpec(name: "file", kind: .path(ext: "transcript"), defaultText: nil, help: "where to write")],
                    summary: "record the session (commands and output) into a transcript; record stop ends it",
                    details: "Each command and its output are added to the file as soon as it finishes, so nothing is lost if nnlab stops.",
                    examples: ["record file=my-session.transcript", "record stop"],
                    run: { s, c in [.text(try s.record(c))] }),
        CommandSpec(name: "replay", words: .none,
                    keys: [KeySpec(name: "file", kind: .path(ext: "transcript"), defaultText: nil, help: "the transcript", required: true),
                           KeySpec(name: "allow_read", kind: .folder, defaultText: nil, help: "a folder it may also read from")],
                    summary: "start fresh and run a transcript's commands, saying whether the outputs match",
                    details: """
                    A transcript may come from anyone, so its commands run in a scratch folder of their own
                    (removed afterwards): save, export, record and plot file= write there, and an absolute
                    name or .. is refused. They read files (data load, load) only from below the transcript's
                    folder, or the scratch folder; allow_read=FOLDER lets them read below FOLDER too
                    (nnlab check has --allow-read FOLDER for the same).
                    """, examples: ["replay file=transcripts/circles.transcript",
                                    "replay file=shared/run.transcript allow_read=data"],
                    run: { s, c in try s.replay(c.text("file")!, allowRead: c.text("allow_read")) }),
        CommandSpec(name: "save", words: .none,
                    keys: [KeySpec(name: "file", kind: .path(ext: "json"), defaultText: nil, help: "where to write", required: true)],
                    summary: "save the whole session (data, model, weights, history, settings) as JSON",
                    details: "load restores it exactly: evaluate prints the same numbers.",
                    examples: ["save file=circles.json"],
                    run: { s, c in [.text(try s.save(to: c.text("file")!))] }),
        CommandSpec(name: "load", words: .none,
                    keys: [KeySpec(name: "file", kind: .path(ext: "json"), defaultText: nil, help: "a saved session", required: true)],
                    summary: "replace the session with one saved by save",
                    details: "", examples: ["load file=circles.json"],
                    run: { s, c in [.text(try s.load(from: c.text("file")!))] }),
        CommandSpec(name: "set", words: .none, keys: [
            KeySpec(name: "color", kind: .choice(["auto", "on", "off"]), defaultText: "auto", help: "colour in pictures",
                    field: .autoOnOff(\Settings.color)),
            KeySpec(name: "seed", kind: .integer(0...Int(UInt32.max)), defaultText: "0", help: "train seed when train names none",
                    field: .seed(\Settings.seed)),
            KeySpec(name: "width", kind: .integerOrAuto(40...300), defaultText: "auto", help: "columns for terminal plots",
                    field: .autoInteger(\Settings.columns)),
        ], summary: "session defaults: colour, default train seed, plot width; set alone shows them",
                    details: "", examples: ["set", "set color=off", "set seed=3 width=100"],
                    run: { s, c in [.text(s.set(c))] }),
        CommandSpec(name: "help", words: .topic, keys: [],
                    summary: "list commands, or explain one: help train", details: "", examples: ["help", "help train"],
                    run: { _, c in [.text(try Help.text(topic: c.words.map(\.text)))] }),
        CommandSpec(name: "quit", words: .none, keys: [], summary: "leave nnlab (Ctrl-D works too)", details: "", examples: ["quit"],
                    run: { _, _ in [.quit] }),
    ]

    static let activations = Activation.allCases.map(\.rawValue)

    static let trainKeys = [
        KeySpec(name: "lr", kind: .real(0...10, openLow: true), defaultText: "0.001", help: "learning rate",
                field: .real(\TrainConfig.learningRate)),
        KeySpec(name: "epochs", kind: .integer(1...Limits.epochs), defaultText: "500", help: "passes over the training set",
                field: .integer(\TrainConfig.epochs)),
        KeySpec(name: "batch", kind: .integer(1...Limits.points), defaultText: "32", help: "points per gradient step",
                field: .integer(\TrainConfig.batch)),
        KeySpec(name: "optimizer", kind: .choice(OptimizerKind.allCases.map(\.rawValue)), defaultText: "adam", help: "update rule",
                field: .choice(\TrainConfig.optimizer)),
        KeySpec(name: "seed", kind: .integer(0...Int(UInt32.max)), defaultText: "0", help: "initial weights and batch order",
                field: .seed(\TrainConfig.seed)),
        KeySpec(name: "l2", kind: .real(0...1, openLow: false), defaultText: "0", help: "weight penalty on the weights (not biases)",
                field: .real(\TrainConfig.l2)),
        KeySpec(name: "class_weight", kind: .choice(ClassWeight.allCases.map(\.rawValue)), defaultText: "none",
                help: "balanced: each class's loss weighted n/(k·count), so a rare class counts as much as a common one",
                field: .choice(\TrainConfig.classWeight)),
        KeySpec(name: "l1", kind: .real(0...1, openLow: false), defaultText: "0", help: "absolute-value penalty on the weights (not biases)",
                field: .real(\TrainConfig.l1)),
        KeySpec(name: "lr_decay", kind: .real(0...1, openLow: true), defaultText: "1", help: "learning rate multiplied by this after every epoch",
                field: .real(\TrainConfig.lrDecay)),
        KeySpec(name: "patience", kind: .integer(0...Limits.epochs), defaultText: "0",
                help: "stop after this many epochs without a lower validation loss (0: never)", field: .integer(\TrainConfig.patience)),
        KeySpec(name: "val", kind: .real(0...0.9, openLow: true), defaultText: "0.2",
                help: "share of the training rows held out for patience=", field: .real(\TrainConfig.validation)),
    ]

    /// The train keys, each taking a list, with `seeds=` in place of `seed=`.
    static var sweepKeys: [KeySpec] {
        trainKeys.filter { $0.name != "seed" }.map { var k = $0; k.list = true; return k } + [
            KeySpec(name: "seeds", kind: .integer(1...20), defaultText: "5", help: "train seeds per setting (0, 1, ...)"),
            format,
        ]
    }

    /// The train keys, each taking a list (one of them 2 to 4 values), with `seeds=` in place of `seed=`.
    static var compareKeys: [KeySpec] {
        trainKeys.filter { $0.name != "seed" }.map { var k = $0; k.list = true; return k } + [
            KeySpec(name: "seeds", kind: .integer(1...20), defaultText: "1", help: "train seeds per value (from the train seed on)"),
            format, svgFile,
        ]
    }

    /// `show=ID` of `data drop` and `data relabel`: the finding whose points change.
    static func findingPoints(_ verb: String) -> KeySpec {
        KeySpec(name: "show", kind: .choice(Explanations.all.map(\.id)), defaultText: nil,
                help: "the finding whose training points to \(verb)", required: true)
    }

    static let svgFile = KeySpec(name: "file", kind: .path(ext: "svg"), defaultText: nil, help: "write the chart as SVG")

    static let format = KeySpec(name: "format", kind: .choice(["text", "json"]), defaultText: "text",
                                help: "json prints one line of JSON")

    /// `data circles`, `data moons`, ...: one form per built-in generator, all with the same keys.
    static var dataCommands: [CommandSpec] {
        DataSpec.Kind.allCases.map { kind in
            CommandSpec(name: "data \(kind.rawValue)", words: .none, keys: [
                KeySpec(name: "n", kind: .integer(Limits.minPoints...Limits.points), defaultText: "200", help: "number of points",
                        field: .integer(\DataSpec.n)),
                KeySpec(name: "noise", kind: .real(0...10, openLow: false), defaultText: Text.number(kind.defaultNoise),
                        help: "standard deviation of the Gaussian noise", field: .real(\DataSpec.noise)),
                KeySpec(name: "seed", kind: .integer(0...Int(UInt32.max)), defaultText: "42", help: "points and split",
                        field: .seed(\DataSpec.seed)),
                KeySpec(name: "test", kind: .real(0...0.9, openLow: true), defaultText: "0.2", help: "fraction held out for testing",
                        field: .real(\DataSpec.test)),
                KeySpec(name: "scale", kind: .choice(["on", "off"]), defaultText: "on", help: "standard scaling fit on train",
                        field: .onOff(\DataSpec.scaled)),
                KeySpec(name: "flip", kind: .real(0...0.5, openLow: false), defaultText: "0", help: "fraction of training labels to flip",
                        field: .real(\DataSpec.flip)),
                KeySpec(name: "imbalance", kind: .real(0...1, openLow: true), defaultText: "1",
                        help: "keep every class but class 0 at this ratio to class 0", field: .real(\DataSpec.imbalance)),
            ] + (kind.manyClasses ? [
                KeySpec(name: "classes", kind: .integer(2...Limits.generatedClasses), defaultText: "2",
                        help: "how many classes (\(kind.classesHelp))", field: .integer(\DataSpec.classes)),
            ] : []), summary: kind.summary, details: "",
                        examples: ["data \(kind.rawValue)", "data \(kind.rawValue) noise=0.1 seed=7", "data \(kind.rawValue) n=400 test=0.3"]
                            + (kind.manyClasses ? ["data \(kind.rawValue) classes=3"] : []),
                        run: { s, c in [.text(try s.generate(c))] })
        }
    }

    /// Commands whose name starts with `verb`.
    public static func forms(of verb: Substring) -> [CommandSpec] { all.filter { $0.verb == verb } }

    /// The command named `name` (`train`, `data circles`); the names are the table's own.
    static func spec(_ name: String) -> CommandSpec {
        guard let spec = all.first(where: { $0.name == name }) else { preconditionFailure("no command \(name) in the table") }
        return spec
    }

    public static var verbs: [String] {
        var seen = Set<Substring>()
        return all.compactMap { seen.insert($0.verb).inserted ? String($0.verb) : nil }
    }
}

/// Sizes refused up front, named in the error.
public enum Limits {
    public static let points = 20_000
    public static let minPoints = 10
    public static let epochs = 100_000
    /// Epochs one session's history holds (`train continue` adds to it; a session file may hold no more):
    /// one full training. About 17 MB in a session file.
    public static let history = epochs
    /// 64: sklearn's digits (8 × 8 pixels), the widest of the usual first data sets.
    public static let features = 64
    /// Classes of loaded data: 20 is more than the usual first data sets need (digits has 10).
    public static let classes = 20
    /// Classes of a generated set: as many spiral arms, blobs or rings as a 2-D picture still shows apart.
    public static let generatedClasses = 10
    /// The largest size of a value in a loaded file: squared and summed over every row and feature
    /// (scaling, distances), 1e100 stays far inside Double's range (about 1e308); 1e160 overflowed.
    public static let magnitude = 1e100
    public static let units = 512
    public static let layers = 6
    /// Multiply-adds one command may train (`TrainingJob.multiplyAdds`, the whole job): 20 s to a minute of
    /// CPU in a release build (2.5–3.5e9 a second measured on small to dense256 models, about 1e9 on six
    /// dense512 layers, whose one epoch on 20,000 points, 105 s, it refuses).
    public static let trainingWork = 6e10
    /// What a whole replay (or `nnlab check` of one transcript) may train, all its commands together.
    public static let replayWork = 2 * trainingWork
}

extension DataSpec.Kind {
    var summary: String { Self.summaries[rawValue] ?? "a built-in two-class data set" }

    /// What `classes=` makes of this kind.
    var classesHelp: String {
        switch self {
        case .spiral: return "one spiral arm each"
        case .circles: return "rings of radius 1, 2, 3, ...; two are the post's circles"
        case .blobs, .gauss: return "centres evenly on a circle"
        case .moons: return "interleaving pairs side by side; with 3 the third lies apart"
        case .xor: return "two only"
        }
    }

    private static let summaries = [
        "circles": "two concentric rings (radii 1 and 2), the post's data, bit-compatible with NumPy",
        "moons": "two interleaving half circles",
        "xor": "four clusters, opposite corners share a class",
        "spiral": "two interleaved spirals",
        "blobs": "two well-separated blobs: a straight line splits them",
        "gauss": "two overlapping Gaussian clouds with a known Bayes error",
    ]
}
