extension Network {
    /// `logits(x)` a slice of rows at a time (about `TrainingRun.measuredWork` multiply-adds, hundredths of a
    /// second), asking `shouldStop` between slices, so that a Ctrl-C during one pass of a wide model over
    /// many rows is seen at once; nil when it said stop. Each row's logits are the same as in one pass.
    public func logits(_ x: [Double], shouldStop: () -> Bool) -> [Double]? {
        let n = x.count / inputs, rows = TrainingRun.measuredRows(parameters.count)
        guard n > rows else { return logits(x) }
        var out: [Double] = []
        out.reserveCapacity(n * layers[layers.count - 1].outputs)
        var start = 0
        while start < n {
            if shouldStop() { return nil }
            let m = min(rows, n - start)
            out += logits(Array(x[(start * inputs)..<((start + m) * inputs)]))
            start += m
        }
        return out
    }
}
