/// "did you mean ...?": the closest candidates by edit distance, or by prefix.
enum Suggest {
    static func closest(to word: String, in candidates: [String]) -> [String] {
        let w = word.lowercased()
        let prefixed = candidates.filter { $0.hasPrefix(w) && !w.isEmpty }
        if !prefixed.isEmpty && prefixed.count <= 3 { return prefixed }
        let scored = candidates.map { ($0, distance(w, $0)) }
        let best = scored.map(\.1).min() ?? .max
        let limit = max(1, w.count / 3)
        return best <= limit ? scored.filter { $0.1 == best }.map(\.0) : []
    }

    /// " (did you mean lr=?)" or "".
    static func phrase(_ word: String, _ candidates: [String], suffix: String = "") -> String {
        let found = closest(to: word, in: candidates)
        guard !found.isEmpty else { return "" }
        return "; did you mean " + found.map { $0 + suffix }.joined(separator: " or ") + "?"
    }

    /// Levenshtein distance, counting a swap of neighbours as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
