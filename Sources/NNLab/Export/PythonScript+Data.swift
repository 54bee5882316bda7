import NNCore

/// Sections 1 to 3, shared by every framework: the data, the split and the scaling.
extension PythonScript {
    /// The post's NumPy code for plain circles; the points themselves for anything else generated.
    var writesNumPyCircles: Bool {
        data.spec.map { $0.kind == .circles && $0.flip == 0 && $0.imbalance == 1 } ?? false && data.edits.isEmpty
    }

    var loadSpec: LoadSpec? { if case .loaded(let load) = data.origin { return load } else { return nil } }

    /// train_test_split's permutation, in NumPy: for the circles and for a CSV read without a split column.
    var splitsByPermutation: Bool { writesNumPyCircles || (csvPath != nil && loadSpec?.fileSplit == false) }

    var dataSection: [String] { rowsSection + featuresLines }

    /// The model's inputs made from the raw columns, as `features` makes them (before the split and the scaling).
    var featuresLines: [String] {
        guard let terms = data.features else { return [] }
        let columns = data.prepared.dataset.featureNames
        func column(_ i: Int) -> String { "X[:, \(i)]" }
        let made = terms.map { t -> String in
            switch t {
            case .column(let i): return column(i)
            case .square(let i): return column(i) + " ** 2"
            case .product(let i, let j): return column(i) + " * " + column(j)
            case .sine(let i): return "np.sin(\(column(i)))"
            }
        }
        return ["# Features: the model's inputs made from the raw columns, as nnlab's `\(featuresCommand)` makes them:",
                "#    " + terms.map { $0.name(columns) }.joined(separator: ", ") + "; standardised below like any column."]
            + ["X = np.column_stack(["] + PythonLiteral.wrapped(made.map { $0 + "," }, indent: "    ", separator: " ") + ["])"]
    }

    var rowsSection: [String] {
        if writesNumPyCircles, let spec = data.spec { return circlesSection(spec) }
        if let load = loadSpec, let csvPath { return csvSection(load, path: csvPath) }
        let d = data.prepared.dataset
        var lines: [String]
        if let spec = data.spec {
            lines = ["# 1. Data: nnlab's \(spec.kind.rawValue) (n=\(spec.n), noise=\(Self.number(spec.noise)), seed=\(spec.seed)),",
                     "#    every point as nnlab made it, so that this script trains on exactly nnlab's data.",
                     "#    Columns \(d.featureNames.joined(separator: ", ")); labels " + (manyClasses ? "0 to \(classes - 1)." : "0 and 1.")]
            if spec.imbalance != 1 {
                lines.append("#    " + (manyClasses ? "Classes 1 to \(classes - 1) are each" : "Class 1 is")
                             + " kept at \(Self.number(spec.imbalance)) of class 0 (imbalance=\(Self.number(spec.imbalance))).")
            }
            lines += editComments
            if !data.flipped.isEmpty {
                lines.append("#    \(data.flipped.count) training labels are flipped on purpose (flip=\(Self.number(spec.flip))), in rows:")
                lines += PythonLiteral.wrapped(data.flipped.map(String.init), indent: "#      ", separator: " ")
            }
        } else {
            lines = ["# 1. Data: the rows of the file below as nnlab read them (written into the script: embed=on, or the",
                     "#    file was not where nnlab loaded it from), so that this script trains on exactly nnlab's data."]
                + fileNames(loadSpec!) + editComments
        }
        return lines
            + PythonLiteral.array("X", (0..<d.count).map { "[" + d.row($0).map { "\($0)" }.joined(separator: ", ") + "]" })
            + PythonLiteral.array("y", d.y.map(String.init))
    }

    /// What `data drop|relabel` did, for the reader: the labels below are nnlab's after it, the dropped rows in no split.
    var editComments: [String] {
        data.edits.map { e in
            "#    `data \(e.kind.rawValue) show=\(e.finding)` " + (e.kind == .drop ? "dropped \(e.points.count) training rows (in neither split below)"
                                                                    : "gave \(e.labels == nil ? "the other label" : "the class the finding suspects") to \(e.points.count) training rows (their labels below)")
        }
    }

    /// The names read from the file, as string literals (a name can hold a line break: never comment text).
    func fileNames(_ load: LoadSpec) -> [String] {
        ["data_file = \(PythonLiteral.string(load.file))",
         "feature_names = \(PythonLiteral.list(data.prepared.dataset.featureNames))",
         "label_column = \(PythonLiteral.string(load.labelColumn))",
         "classes = {\(load.classes.enumerated().map { "\(PythonLiteral.string($1)): \($0)" }.joined(separator: ", "))}"
             + "  # the label text of each class, as nnlab numbered them"]
    }

    /// The CSV read as `data load` reads it (`CSVFormat`, `CSVLoader`): blank lines skipped, fields trimmed of
    /// blanks, feature and label columns by name, an index column holding every row's place giving the order.
    func csvSection(_ load: LoadSpec, path: String) -> [String] {
        let d = data.prepared.dataset, ones = d.y.reduce(0, +)
        return [
            "# 1. Data: the CSV file nnlab loaded, read from its place next to this script as nnlab's `data load` reads it:",
            "#    feature and label columns by name, the label text mapped to classes as nnlab numbered them.",
        ] + fileNames(load).map { $0.hasPrefix("data_file = ") ? "data_file = Path(__file__).resolve().parent / \(PythonLiteral.string(path))" : $0 } + [
            "with open(data_file, newline='', encoding='utf-8-sig') as f:",
            "    rows = [[cell.strip(' \\t') for cell in row] for row in csv.reader(f) if ''.join(row).strip(' \\t')]",
            "header, rows = rows[0], rows[1:]",
            "lower = [name.lower() for name in header]",
            "columns, label = [header.index(name) for name in feature_names], header.index(label_column)",
            "X = np.array([[float(row[j]) for j in columns] for row in rows])",
            "y = np.array([classes[row[label]] for row in rows])",
            "# A column named index holding every row's place (as `export data` writes it) puts the rows in that order.",
            "place = np.arange(len(rows))",
            "if 'index' in lower:",
            "    given = [row[lower.index('index')] for row in rows]",
            "    if all(v.lstrip('+-').isdigit() for v in given) and sorted(int(v) for v in given) == list(range(len(rows))):",
            "        place = np.array([int(v) for v in given])",
            "X[place], y[place] = X.copy(), y.copy()",
        ] + (manyClasses ? [
            "counts = np.bincount(y, minlength=\(classes)).tolist()",
            "if counts != \(d.classCounts):",
            "    raise SystemExit(f\"{data_file}: {len(y)} rows, {counts} per class; nnlab loaded \(d.count) rows, \(d.classCounts) per class\")",
        ] : [
            "if len(y) != \(d.count) or y.sum() != \(ones):",
            "    raise SystemExit(f\"{data_file}: {len(y)} rows, {y.sum()} of class 1; nnlab loaded \(d.count) rows, \(ones) of class 1\")",
        ])
    }

    func circlesSection(_ spec: DataSpec) -> [String] {
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
        if splitsByPermutation {
            // train_test_split rounds the test share up and the train share down; rarely, one row is in neither.
            let everyRow = split.train.count + split.test.count == data.prepared.dataset.count
            choose = [
                "# 2. Split: what scikit-learn's train_test_split(X, y, test_size=\(test), random_state=\(seed)) does:",
                "#    a permutation from a fresh RandomState(\(seed)); the first ceil(\(test) * n) rows are the test set.",
                "perm = np.random.RandomState(\(seed)).permutation(len(y))",
                "n_test = int(np.ceil(\(test) * len(y)))",
                "test_idx, train_idx = perm[:n_test], perm[n_test:" + (everyRow ? "]" : "n_test + \(split.train.count)]  # the train share rounded down"),
            ]
        } else if csvPath != nil {
            choose = [
                "# 2. Split: the file's split column, rows taken in the file's order (as nnlab takes them).",
                "split = [row[lower.index('split')] for row in rows]",
                "test_idx = np.array([place[r] for r in range(len(rows)) if split[r] == 'test'], dtype=int)",
                "train_idx = np.array([place[r] for r in range(len(rows)) if split[r] == 'train'], dtype=int)",
            ]
        } else {
            let source = loadSpec?.fileSplit == true ? "from the file's split column" : "test=\(test), seed \(seed)"
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
}
