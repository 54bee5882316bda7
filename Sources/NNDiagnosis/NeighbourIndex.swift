/// A k-d tree over row-major points: the exact `k` nearest neighbours of a row in about log n
/// distance evaluations on low-dimensional data, instead of a scan of every row.
///
/// It answers exactly as a scan would: neighbours ordered by squared distance, summed feature by
/// feature in order (the same rounding as a plain loop), ties to the lower row index. A branch is
/// skipped only when its lower bound is clearly beyond the k-th best, so equal distances are never lost.
/// In many dimensions (tens of features of noise) little can be skipped and it costs about a scan;
/// `work` counts what a search cost, so the caller can bound it.
struct NeighbourIndex {
    let count: Int, features: Int
    /// Leaves hold at most this many rows: small enough to prune, large enough for the SIMD-friendly scan.
    static let leafSize = 16

    private struct Node {
        /// Rows `start..<end` of `order`; a leaf when `split` is negative.
        var start: Int, end: Int
        var split: Int, value: Double
        var left: Int, right: Int
    }
    private var nodes: [Node] = []
    /// Row indices in tree order.
    private var order: [Int]
    /// The rows in tree order, each leaf's block stored feature by feature (`d` runs of its rows).
    private var blocks: [Double]
    /// Rows in the largest leaf: more than `leafSize` only where all its rows are equal.
    private var largestLeaf = 0

    init(_ x: [Double], features d: Int) {
        features = d
        count = d > 0 ? x.count / d : 0
        order = Array(0..<count)
        blocks = []
        guard count > 0 else { return }
        build(x, 0, count)
        blocks = [Double](repeating: 0, count: count * d)
        for node in nodes where node.split < 0 {
            let size = node.end - node.start
            largestLeaf = max(largestLeaf, size)
            for (r, row) in order[node.start..<node.end].enumerated() {
                for f in 0..<d { blocks[node.start * d + f * size + r] = x[row * d + f] }
            }
        }
    }

    /// Splits on the feature with the widest spread, at the median row, so that the tree stays balanced
    /// whatever the data (duplicates included). Returns the node's position.
    @discardableResult
    private mutating func build(_ x: [Double], _ start: Int, _ end: Int) -> Int {
        let at = nodes.count
        nodes.append(Node(start: start, end: end, split: -1, value: 0, left: -1, right: -1))
        guard end - start > Self.leafSize else { return at }
        var widest = 0, spread = -1.0
        for f in 0..<features {
            var low = Double.infinity, high = -Double.infinity
            for r in start..<end {
                let v = x[order[r] * features + f]
                low = min(low, v); high = max(high, v)
            }
            if high - low > spread { spread = high - low; widest = f }
        }
        guard spread > 0 else { return at }   // all rows equal: one leaf
        let d = features
        order[start..<end].sort { (x[$0 * d + widest], $0) < (x[$1 * d + widest], $1) }
        let mid = (start + end) / 2
        nodes[at].split = widest
        nodes[at].value = x[order[mid] * d + widest]
        let left = build(x, start, mid)
        let right = build(x, mid, end)
        nodes[at].left = left
        nodes[at].right = right
        return at
    }

    /// The `k` rows nearest to `query` (a row of the indexed points, itself left out) with their squared
    /// distances, nearest first. Adds to `work` the number of feature differences it computed.
    func nearest(_ k: Int, to query: Int, in x: [Double], work: inout Int) -> [(index: Int, distance: Double)] {
        guard k > 0, count > 1 else { return [] }
        let d = features
        let q = Array(x[(query * d)..<(query * d + d)])
        var best: [(index: Int, distance: Double)] = []
        best.reserveCapacity(k + 1)
        // Raw buffers for the scan, the hot loop: one query against a leaf's rows, feature by feature,
        // so that the rows' sums go on side by side (SIMD) while each one adds its features in order.
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: max(largestLeaf, 1))
        defer { sums.deallocate() }
        // How far the query lies outside the current branch's slab, per feature. Their squares summed in
        // feature order never exceed (in floating point too) the distance to any row in the branch, so a
        // branch whose bound is beyond the k-th best cannot hold a neighbour, not even a tied one.
        var offsets = [Double](repeating: 0, count: d)
        var scanned = 0

        func scan(_ node: Node) {
            let size = node.end - node.start
            blocks.withUnsafeBufferPointer { b in
                q.withUnsafeBufferPointer { q in
                    let block = b.baseAddress! + node.start * d
                    sums.update(repeating: 0, count: size)
                    for f in 0..<d {
                        let qf = q[f], column = block + f * size
                        for r in 0..<size { let e = qf - column[r]; sums[r] += e * e }
                    }
                }
            }
            scanned += size * d
            for r in 0..<size {
                let row = order[node.start + r], dist = sums[r]
                guard row != query else { continue }
                if best.count == k {
                    let worst = best[k - 1]
                    guard (dist, row) < (worst.distance, worst.index) else { continue }
                }
                let at = best.firstIndex { ($0.distance, $0.index) > (dist, row) } ?? best.count
                best.insert((row, dist), at: at)
                if best.count > k { best.removeLast() }
            }
        }

        func search(_ n: Int) {
            let node = nodes[n]
            guard node.split >= 0 else { return scan(node) }
            let gap = q[node.split] - node.value
            let (near, far) = gap < 0 ? (node.left, node.right) : (node.right, node.left)
            search(near)
            let old = offsets[node.split]
            offsets[node.split] = gap
            var bound = 0.0
            for f in 0..<d { bound += offsets[f] * offsets[f] }
            if best.count < k || bound <= best[k - 1].distance { search(far) }
            offsets[node.split] = old
        }

        search(0)
        work += scanned
        return best
    }
}
