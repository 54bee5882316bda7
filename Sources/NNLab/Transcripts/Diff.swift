/// A unified diff of two texts, line by line (a shortest edit script), with 3 lines of context.
public enum Diff {
    public static func unified(_ a: [String], _ b: [String], from: String, to: String) -> String {
        let (ops, capped) = edits(a, b)
        guard ops.contains(where: { $0.kind != " " }) else { return "" }
        var out = ["--- \(from)", "+++ \(to)"]
        if capped {
            out.insert("(more than \(editLimit) lines differ: from the first to the last difference, every line is shown as removed and added)", at: 0)
        }
        var i = 0
        while i < ops.count {
            guard ops[i].kind != " " else { i += 1; continue }
            // Grow a hunk around this change until 6 unchanged lines separate it from the next.
            let start = max(0, i - 3)
            var end = i
            while end < ops.count {
                if ops[end].kind != " " { end += 1; continue }
                var run = end
                while run < ops.count && ops[run].kind == " " { run += 1 }
                if run == ops.count || run - end > 6 { end = min(ops.count, end + 3); break }
                end = run
            }
            let hunk = ops[start..<end]
            let aStart = hunk.first!.aLine, bStart = hunk.first!.bLine
            let aCount = hunk.filter { $0.kind != "+" }.count, bCount = hunk.filter { $0.kind != "-" }.count
            out.append("@@ -\(aStart + (aCount > 0 ? 1 : 0)),\(aCount) +\(bStart + (bCount > 0 ? 1 : 0)),\(bCount) @@")
            out += hunk.map { String($0.kind) + $0.text }
            i = end
        }
        return out.joined(separator: "\n")
    }

    struct Op { var kind: Character; var text: String; var aLine: Int; var bLine: Int }

    /// Beyond this many added and removed lines the middle of a diff is shown whole (all of it removed,
    /// then all of it added) instead of searched line by line: the search costs (n + m) · edits.
    static let editLimit = 1000

    /// The edits that turn `a` into `b`: the common head and tail are set aside in linear time, and the
    /// middle is Myers' greedy shortest edit script, O((n + m) · D) time and O(D²) memory for D edits
    /// (the old longest-common-subsequence table took n · m: 3.2 GB for 10,000 lines each).
    /// `capped` says the middle had more than `editLimit` edits and is shown whole.
    static func edits(_ a: [String], _ b: [String]) -> (ops: [Op], capped: Bool) {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let middleA = head..<(a.count - tail), middleB = head..<(b.count - tail)
        var ops = (0..<head).map { Op(kind: " ", text: a[$0], aLine: $0, bLine: $0) }
        let script = shortestScript(a[middleA], b[middleB])
        for (kind, i, j) in script ?? (middleA.map { ("-", $0, head) } + middleB.map { ("+", a.count - tail, $0) }) {
            ops.append(Op(kind: kind, text: kind == "+" ? b[j] : a[i], aLine: i, bLine: j))
        }
        ops += (0..<tail).map { t in Op(kind: " ", text: a[a.count - tail + t], aLine: a.count - tail + t, bLine: b.count - tail + t) }
        return (ops, script == nil)
    }

    /// Myers' greedy algorithm on two slices: (kind, line in a, line in b) per line, removed lines
    /// before added ones within a change, as diff -u shows it; nil past `editLimit` edits.
    private static func shortestScript(_ a: ArraySlice<String>, _ b: ArraySlice<String>) -> [(Character, Int, Int)]? {
        let n = a.count, m = b.count, a0 = a.startIndex, b0 = b.startIndex
        let limit = min(n + m, editLimit)
        // v[k + offset]: the furthest x reached on diagonal k (y = x − k); one copy per edit count d, for the way back.
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        var found: Int?
        search: for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                // Down (an added line) from diagonal k+1, or right (a removed line) from k−1; prefer removing.
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[a0 + x] == b[b0 + y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = d; break search }
            }
        }
        guard let edits = found else { return nil }
        // Back from (n, m): each step d came from diagonal k±1 of step d−1, after a run of equal lines.
        var script: [(Character, Int, Int)] = []
        var x = n, y = m
        for d in stride(from: edits, to: 0, by: -1) {
            let previous = trace[d]  // v as it stood before step d, diagonals −(d−1)...(d−1) at index k + d
            func at(_ k: Int) -> Int { previous[k + d] }
            let k = x - y
            let down = k == -d || (k != d && at(k - 1) < at(k + 1))
            let priorK = down ? k + 1 : k - 1
            let priorX = at(priorK), priorY = priorX - priorK
            while x > (down ? priorX : priorX + 1) && y > (down ? priorY + 1 : priorY) {
                x -= 1; y -= 1
                script.append((" ", a0 + x, b0 + y))
            }
            if down { y -= 1; script.append(("+", a0 + x, b0 + y)) } else { x -= 1; script.append(("-", a0 + x, b0 + y)) }
        }
        while x > 0 { x -= 1; y -= 1; script.append((" ", a0 + x, b0 + y)) }
        return script.reversed()
    }
}
