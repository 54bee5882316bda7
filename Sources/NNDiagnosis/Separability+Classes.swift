/// Linear separability with three or more classes, exactly: can one linear model (softmax regression, a
/// model with no hidden layer) put every training point in its own class's region, and which classes can a
/// single straight line split off from all the others?
extension Separability {
    /// Tableau cells (rows × columns) beyond which the k-class test is not run. Each pivot touches every cell and
    /// pivots run to a small multiple of the rows and columns, so 1e6 cells is about a second in a release build;
    /// iris, wine and a 3-arm spiral of 300 points take 3e3–1e4 cells, digits (10 classes, 64 features) 8e6.
    static let maximumClassCells = 1_000_000

    /// A linear model separates k classes when some weights w_c give every point of class c a larger score
    /// w_c·(x, 1) than every other class's. Written for all pairs at once (Kesler's construction), that asks for
    /// one vector w with w·z > 0 for every z = e_c ⊗ (x, 1) − e_j ⊗ (x, 1), j ≠ c, and by Gordan's theorem there
    /// is none exactly when some convex combination of the z is 0: the same phase-1 feasibility test as for
    /// two classes. The last class's block of rows is the negated sum of the others, so it is left out.
    /// nil when the tableau would be larger than `maximumClassCells`, past the step cap (as `pivotCap` for two
    /// classes), or when stopped (asked at every pivot).
    static func separable(_ x: [Double], labels: [Int], classes k: Int, features d: Int,
                          shouldStop: () -> Bool = { false }) -> Bool? {
        let n = labels.count, block = d + 1, rows = (k - 1) * block + 1
        let columns = n * (k - 1)
        guard rows * columns <= maximumClassCells else { return nil }
        var a = [[Double]](repeating: [Double](repeating: 0, count: columns), count: rows)
        var column = 0
        for i in 0..<n {
            let c = labels[i]
            for j in 0..<k where j != c {
                for f in 0...d {
                    let v = f == d ? 1 : x[i * d + f]
                    if c < k - 1 { a[c * block + f][column] = v }
                    if j < k - 1 { a[j * block + f][column] = -v }
                }
                a[rows - 1][column] = 1
                column += 1
            }
        }
        var b = [Double](repeating: 0, count: rows)
        b[rows - 1] = 1
        var stopped = false
        let infeasibility = Simplex.phaseOne(a, b, maxPivots: 100 * (rows + columns),
                                             shouldStop: { stopped = stopped || shouldStop(); return stopped })
        guard !stopped, let infeasibility else { return nil }
        return infeasibility > 1e-9
    }

    /// For each class, whether one straight line splits it off from all the others (the two-class test, one
    /// class against the rest); a test that reached its step cap counts as not split off.
    static func splitsOff(_ x: [Double], labels: [Int], classes k: Int, features d: Int,
                          shouldStop: () -> Bool = { false }) -> [Bool] {
        (0..<k).map { c in separable(x, labels.map { $0 == c ? 1 : 0 }, features: d, shouldStop: shouldStop) == true }
    }

    /// Training accuracy of the best linear model, approximated by one logistic regression per class against
    /// the rest (each as `bestLineAccuracy` fits it), a point going to the class whose line scores it highest.
    /// Stopped (asked at every Newton step), the answer is 1.
    static func bestLinearAccuracy(_ x: [Double], labels: [Int], classes k: Int, features d: Int,
                                   shouldStop: () -> Bool = { false }) -> Double {
        var weights: [[Double]] = []
        for c in 0..<k {
            guard let w = logisticWeights(x, labels.map { $0 == c ? 1 : 0 }, features: d, shouldStop: shouldStop) else { return 1 }
            weights.append(w)
        }
        let n = labels.count
        var right = 0
        for i in 0..<n {
            let scores = weights.map { score($0, x, i, features: d) }
            if scores.indices.max(by: { scores[$0] < scores[$1] }) == labels[i] { right += 1 }
        }
        return Double(right) / Double(max(n, 1))
    }
}
