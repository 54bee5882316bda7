/// A train/test split as indices into a `Dataset`, in the order scikit-learn's
/// `train_test_split(test_size=f, random_state=seed)` returns rows.
public struct Split: Equatable, Sendable {
    public var train: [Int]
    public var test: [Int]

    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }

    /// ShuffleSplit: a fresh `RandomState(seed).permutation(n)`; the first
    /// ceil(f·n) indices are test, the next floor((1−f)·n) are train.
    public static func shuffled(count n: Int, testFraction f: Double, seed: UInt32) -> Split {
        var rng = RandomState(seed: seed)
        let order = rng.permutation(n)
        let nTest = Int((f * Double(n)).rounded(.up))
        let nTrain = Int(((1 - f) * Double(n)).rounded(.down))
        return Split(train: Array(order[nTest..<min(n, nTest + nTrain)]), test: Array(order[0..<nTest]))
    }
}
