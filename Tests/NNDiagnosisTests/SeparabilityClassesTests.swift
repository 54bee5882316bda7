import XCTest
@testable import NNCore  // ClassDensity's initializer
@testable import NNDiagnosis

/// The k-class exact tests: one linear model for all classes (Kesler's construction), one line per class
/// against the rest, the k-class Bayes error and the nearest-neighbour vote.
final class SeparabilityClassesTests: XCTestCase {
    /// Three tight clusters of 20 points on a row at x1 = −2, 0, 2.
    static let row: (x: [Double], labels: [Int]) = {
        var x: [Double] = [], labels: [Int] = []
        for c in 0..<3 {
            for k in 0..<20 {
                x += [Double(c - 1) * 2 + 0.1 * Double(k % 5 - 2), 0.1 * Double(k / 5)]
                labels.append(c)
            }
        }
        return (x, labels)
    }()

    /// Three spiral arms, each one turn, rotated by a third of a turn.
    static func spiral(points: Int = 40) -> (x: [Double], labels: [Int]) {
        var x: [Double] = [], labels: [Int] = []
        for c in 0..<3 {
            for k in 0..<points {
                let t = 0.2 + 4 * Double(k) / Double(points), angle = t + 2.0944 * Double(c)
                x += [t * cos(angle), t * sin(angle)]
                labels.append(c)
            }
        }
        return (x, labels)
    }

    func testClassesOnARowAreLinearlySeparableThoughNoLineSplitsOffTheMiddle() {
        let (x, labels) = Self.row
        XCTAssertEqual(Separability.separable(x, labels: labels, classes: 3, features: 2), true)
        XCTAssertEqual(Separability.splitsOff(x, labels: labels, classes: 3, features: 2), [true, false, true])
        XCTAssertEqual(Separability.bestLinearAccuracy(x, labels: labels, classes: 3, features: 2), 1, accuracy: 0.05)
    }

    func testThreeSpiralArmsAreNot() {
        let (x, labels) = Self.spiral()
        XCTAssertEqual(Separability.separable(x, labels: labels, classes: 3, features: 2), false)
        XCTAssertEqual(Separability.splitsOff(x, labels: labels, classes: 3, features: 2), [false, false, false])
        XCTAssertLessThan(Separability.bestLinearAccuracy(x, labels: labels, classes: 3, features: 2), 0.7)
    }

    /// A corner point of class 0's cluster relabelled class 2: no linear model is right everywhere any more (class 2's
    /// region would have to reach across class 1's), and no line splits off class 0 without its corner either.
    func testOneStrayPointBreaksSeparability() {
        var (x, labels) = Self.row
        labels[0] = 2
        XCTAssertEqual(Separability.separable(x, labels: labels, classes: 3, features: 2), false)
        XCTAssertEqual(Separability.splitsOff(x, labels: labels, classes: 3, features: 2), [false, false, false])
        // The stray in the middle of class 1's cluster instead, with class 1 moved off the row: class 0 still splits off.
        var above = Self.row
        for i in 20..<40 { above.x[2 * i + 1] += 1 }
        above.labels[27] = 2  // inside the cluster, not on its hull
        XCTAssertEqual(Separability.splitsOff(above.x, labels: above.labels, classes: 3, features: 2), [true, false, false])
    }

    /// Digits' size (10 classes, 64 features, 2000 rows): a tableau of 1e7 cells is not built.
    func testTooLargeATableauIsNotTested() {
        let labels = (0..<2000).map { $0 % 10 }
        XCTAssertNil(Separability.separable([Double](repeating: 0, count: 2000 * 64), labels: labels, classes: 10, features: 64))
    }

    func testStoppedGivesNoAnswer() {
        let (x, labels) = Self.spiral()
        XCTAssertNil(Separability.separable(x, labels: labels, classes: 3, features: 2, shouldStop: { true }))
    }

    func testBayesErrorOfCoincidentClassesIsAllButTheLikeliest() {
        let point = ClassDensity(shape: [0, 0], noise: 1, prior: 1.0 / 3)
        XCTAssertEqual(BayesError.integrate([point, point, point]), 2.0 / 3, accuracy: 0.002)
        let apart = (0..<3).map { ClassDensity(shape: [Double($0) * 20, 0], noise: 1, prior: 1.0 / 3) }
        XCTAssertLessThan(BayesError.integrate(apart), 1e-6)
        // Two unit Gaussians 2 apart, then a third far away: the pair's Φ(−1) of its two thirds.
        let pair = [ClassDensity(shape: [0, 0], noise: 1, prior: 1.0 / 3), ClassDensity(shape: [2, 0], noise: 1, prior: 1.0 / 3),
                    ClassDensity(shape: [40, 0], noise: 1, prior: 1.0 / 3)]
        XCTAssertEqual(BayesError.integrate(pair), 2.0 / 3 * 0.158655, accuracy: 0.002)
    }

    /// Noise far finer than the grid (FuzzTests found `classes=3` at a tiny noise crashing on a negative variance).
    func testNoiseFinerThanTheGridGivesNoOverlap() {
        for classes in [2, 3] {
            XCTAssertEqual(BayesError.exact(DataSpec(kind: .gauss, noise: 0.001, classes: classes)), 0)
            XCTAssertEqual(BayesError.exact(DataSpec(kind: .spiral, noise: 1e-9, classes: classes)), 0)
        }
        XCTAssertEqual(BayesError.exact(DataSpec(kind: .circles, noise: 0.001)), 0)
    }

    func testVoteIsThePluralityAndTiesGoToTheNearer() {
        var vote = Vote(classes: 3)
        for (label, leader) in [(2, 2), (1, 2), (1, 1), (0, 1), (2, 1), (2, 2)] {
            vote.add(label)
            XCTAssertEqual(vote.leader, leader)
        }
    }
}
