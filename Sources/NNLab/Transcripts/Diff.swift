/// A unified diff of two texts, line by line (longest common subsequence), with 3 lines of context.
public enum Diff {
    public static func unified(_ a: [String], _ b: [String], from: String, to: String) -> String {
        let ops = edits(a, b)
        guard ops.contains(where: { $0.kind != " " }) else { return "" }
        var out = ["--- \(from)", "+++ \(to)"]
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

    static func edits(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = [], i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                ops.append(Op(kind: " ", text: a[i], aLine: i, bLine: j)); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                // Removed lines before added ones, as diff -u shows a change.
                ops.append(Op(kind: "-", text: a[i], aLine: i, bLine: j)); i += 1
            } else {
                ops.append(Op(kind: "+", text: b[j], aLine: i, bLine: j)); j += 1
            }
        }
        return ops
    }
}
