import XCTest
import NNCore
@testable import NNDiagnosis

/// The k-d tree must answer exactly as a scan of every row: same neighbours, same order, same
/// squared distances to the bit, ties to the lower row (as the scan it replaced did).
final class NeighbourIndexTests: XCTestCase {
    /// The scan the index replaced, kept here as the oracle.
    static func scan(_ k: Int, to i: Int, in x: [Double], features d: Int) -> [(index: Int, distance: Double)] {
        var all: [(index: Int, distance: Double)] = []
        for j in 0..<(x.count / d) where j != i {
            var dist = 0.0
            for f in 0..<d { let e = x[i * d + f] - x[j * d + f]; dist += e * e }
            all.append((j, dist))
        }
        return Array(all.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(k))
    }

    func assertSameAsScan(_ x: [Double], features d: Int, k: Int, file: StaticString = #filePath, line: UInt = #line) {
        let index = NeighbourIndex(x, features: d)
        var work = 0
        for i in 0..<(x.count / d) {
            let got = index.nearest(k, to: i, in: x, work: &work), want = Self.scan(k, to: i, in: x, features: d)
            XCTAssertEqual(got.map(\.index), want.map(\.index), "row \(i)", file: file, line: line)
            XCTAssertEqual(got.map(\.distance), want.map(\.distance), "row \(i)", file: file, line: line)
        }
    }

    func testMatchesAScanOnRandomPointsInFewAndManyDimensions() {
        var rng = RandomState(seed: 7)
        for (n, d) in [(300, 2), (200, 3), (150, 10), (120, 50)] {
            let x = (0..<(n * d)).map { _ in rng.normal() }
            assertSameAsScan(x, features: d, k: 32)
        }
    }

    func testMatchesAScanWithDuplicatesAndTiesOnAGrid() {
        // A 12×12 integer grid, every point twice: equal distances everywhere, decided by the row index.
        var x: [Double] = []
        for _ in 0..<2 { for a in 0..<12 { for b in 0..<12 { x += [Double(a), Double(b)] } } }
        assertSameAsScan(x, features: 2, k: 32)
        assertSameAsScan(x, features: 2, k: 5)
        // All rows equal: one leaf, every distance 0.
        assertSameAsScan([Double](repeating: 1.5, count: 40 * 3), features: 3, k: 15)
    }

    func testFewerRowsThanNeighboursAsked() {
        assertSameAsScan([0, 0, 1, 0, 0, 1], features: 2, k: 32)
        var work = 0
        XCTAssertTrue(NeighbourIndex([3, 4], features: 2).nearest(5, to: 0, in: [3, 4], work: &work).isEmpty)
    }

    func testSkipsMostOfTheRowsInTwoDimensions() {
        var rng = RandomState(seed: 1)
        let n = 5000, x = (0..<(2 * n)).map { _ in rng.normal() }
        let index = NeighbourIndex(x, features: 2)
        var work = 0
        for i in 0..<100 { _ = index.nearest(32, to: i, in: x, work: &work) }
        // A scan computes 2 × 4999 differences per row; the tree a few leaves' worth.
        XCTAssertLessThan(work / 100, 2 * n / 20)
    }

    /// 3000 rows in 20 dimensions with a work limit of a tenth of a scan: a random sample is searched,
    /// each of its rows exactly, and the same sample every time.
    func testPastTheWorkLimitASampleIsSearchedExactlyAndTheSameEachTime() {
        var rng = RandomState(seed: 3)
        let n = 3000, d = 20
        let dataset = Dataset(x: (0..<(n * d)).map { _ in rng.normal() }, y: (0..<n).map { $0 % 2 }, features: d)
        let rows = StandardRows(PreparedData(dataset: dataset, split: .shuffled(count: n, testFraction: 0.2, seed: 1)))
        let limit = rows.count * rows.count * d / 10
        let lists = NeighbourLists(rows, workLimit: limit)
        XCTAssertTrue(lists.sampled)
        XCTAssertFalse(lists.interrupted)
        XCTAssertTrue((50..<(rows.count / 2)).contains(lists.searched.count), "\(lists.searched.count)")
        XCTAssertEqual(lists.searched, lists.searched.sorted())
        for (i, list) in zip(lists.searched, lists.lists).prefix(20) {
            XCTAssertEqual(list.map(\.index), Self.scan(32, to: i, in: rows.x, features: d).map(\.index))
        }
        XCTAssertEqual(NeighbourLists(rows, workLimit: limit).searched, lists.searched)
        // Spread over the whole set, not the first rows.
        XCTAssertGreaterThan(lists.searched.last!, rows.count * 3 / 4)
        XCTAssertLessThan(lists.searched.first!, rows.count / 4)
    }

    func testTheStopSignalEndsTheSearchWithWhatWasFound() {
        let dataset = DataSpec(kind: .circles, n: 2000).generate().prepared
        var asked = 0
        let lists = NeighbourLists(StandardRows(dataset), shouldStop: { asked += 1; return asked > 3 })
        XCTAssertTrue(lists.interrupted)
        // Asked once before building the index, then every `pollEvery` rows.
        XCTAssertEqual(lists.searched.count, 2 * NeighbourLists.pollEvery)
        XCTAssertFalse(NeighbourLists(StandardRows(dataset)).sampled)
    }

    /// The Bayes estimate on a sample states its size.
    func testASampledBayesEstimateSaysHowManyRows() {
        let data = DataSpec(kind: .gauss, n: 1000).generate().prepared
        let whole = NeighbourLists(StandardRows(data))
        XCTAssertNil(BayesError.nearestNeighbours(whole, k: 15).sample)
        let part = NeighbourLists(StandardRows(data), workLimit: 20_000)
        let estimate = BayesError.nearestNeighbours(part, k: 15)
        XCTAssertEqual(estimate.sample, part.searched.count)
        XCTAssertLessThan(part.searched.count, 200)
        XCTAssertTrue(estimate.neighboursPhrase("").contains("random sample of \(part.searched.count) training points"))
    }
}
