/// A nearest-neighbour vote counted one neighbour at a time, nearest first, for any number of classes: the
/// leader is the class with the most votes so far, and a class takes the lead only by passing it, so a tie goes
/// to the class whose votes came from nearer neighbours. With two classes and an odd number of votes that is
/// the plain majority.
struct Vote {
    private var counts: [Int]
    private(set) var leader = -1

    init(classes: Int) { counts = [Int](repeating: 0, count: max(classes, 2)) }

    mutating func add(_ label: Int) {
        counts[label] += 1
        if leader < 0 || counts[label] > counts[leader] { leader = label }
    }
}
