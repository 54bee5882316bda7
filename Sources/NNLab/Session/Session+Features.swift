import NNCore

extension Session {
    /// `features` shows the model's inputs; `features WORD...` chooses them; `features reset` goes back to
    /// the raw columns. The model starts fresh on the next train when they change.
    func features(_ words: [Token]) throws -> String {
        var g = try requireData()
        let columns = g.prepared.dataset.featureNames
        if words.isEmpty { return featuresText(g) }
        if words.count == 1, words[0].text == "reset" {
            guard g.features != nil else { return "features: already the raw columns, \(columns.joined(separator: " "))" }
            g.features = nil
        } else {
            var terms: [FeatureTerm] = []
            for w in words {
                if w.text == "reset" { throw CommandError("features reset takes nothing after it", column: w.column) }
                guard let term = Self.term(w.text, columns: columns) else {
                    throw CommandError("no feature '\(w.text)'" + Suggest.phrase(w.text, Self.termNames(columns))
                                       + " (a column, COLUMN^2, A*B or sin(COLUMN); features alone lists them)", column: w.column)
                }
                guard !terms.contains(term) else { throw CommandError("\(w.text) is given twice", column: w.column) }
                terms.append(term)
            }
            guard terms.count <= Limits.features else {
                throw CommandError("at most \(Limits.features) features (got \(terms.count))")
            }
            g.features = terms == (0..<columns.count).map { FeatureTerm.column($0) } ? nil : terms
        }
        data = g
        run = nil
        lastStop = nil
        return featuresText(g) + freshModelNote
    }

    func featuresText(_ g: LabData) -> String {
        let columns = g.prepared.dataset.featureNames, inputs = g.prepared.inputs.featureNames
        let scaling = g.scaled ? ", each standardised on the training rows" : ""
        var lines = [g.features == nil ? "features: \(Self.words(inputs)) (the raw columns\(scaling))"
                                       : "features: \(Self.words(inputs)) (\(inputs.count) inputs made from \(Self.words(columns))\(scaling))"]
        let offered = Self.termNames(columns)
        lines.append("available: " + (offered.count <= 20 ? Self.words(offered)
                                                          : "each column, COLUMN^2, A*B of two columns, sin(COLUMN)"))
        return lines.joined(separator: "\n")
    }

    /// Feature names as the words `features` takes: one with a blank in quotes.
    static func words(_ names: [String]) -> String { names.map(CommandWriter.quoted).joined(separator: " ") }

    /// The term a word names, as `FeatureTerm.name` writes it; `x2*x1` is `x1*x2`.
    static func term(_ word: String, columns: [String]) -> FeatureTerm? {
        let all = FeatureTerm.all(columns: columns.count)
        if let t = all.first(where: { $0.name(columns) == word }) { return t }
        return all.first { if case .product(let i, let j) = $0 { return columns[j] + "*" + columns[i] == word } else { return false } }
    }

    /// Every feature word of these columns, in `FeatureTerm.all`'s order.
    static func termNames(_ columns: [String]) -> [String] {
        FeatureTerm.all(columns: columns.count).map { $0.name(columns) }
    }
}
