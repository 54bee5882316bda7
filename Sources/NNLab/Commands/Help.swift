/// `help` and `help VERB`, read from the command table.
enum Help {
    /// `help`, `help VERB`, `help VERB FORM` (`help data circles`).
    static func text(topic: [String]) throws -> String {
        guard let first = topic.first else { return overview }
        // Graded lookup, as the SQLite shell does: exact verb, then unique prefix.
        let verbs = CommandTable.verbs
        let verb = verbs.contains(first) ? first : verbs.filter { $0.hasPrefix(first) }.onlyElement
        guard let verb else {
            throw CommandError("no help for '\(first)'" + Suggest.phrase(first, verbs) + " (type help for the list)")
        }
        let forms = CommandTable.forms(of: Substring(verb))
        guard topic.count == 2 else {
            // A verb with several forms: one line each, the keys one `help` away.
            guard forms.count > 1 else { return forms.map(detail).joined(separator: "\n\n") }
            return "\(verb) takes one of these forms (help \(verb) FORM shows its keys and examples):\n"
                + TextTable.render(forms.map { ["  " + $0.name, $0.summary] }, numeric: false)
        }
        let names = forms.compactMap { $0.form.map(String.init) }
        let form = names.contains(topic[1]) ? topic[1] : names.filter { $0.hasPrefix(topic[1]) }.onlyElement
        guard let form, let spec = forms.first(where: { $0.form.map(String.init) == form }) else {
            throw CommandError("\(verb) has no form '\(topic[1])'" + Suggest.phrase(topic[1], names) + " (type help \(verb) for the list)")
        }
        return detail(spec)
    }

    /// How a word with spaces or quotes is typed, as `Tokenizer` reads it and `CommandWriter` writes it.
    static let quoting = #"a value with spaces goes in double quotes (file="my data.csv"); inside them "" is one ""#

    static var overview: String {
        let rows = CommandTable.all.map { ["  " + $0.name, $0.summary] }
        return "commands (help VERB for keys and examples):\n" + TextTable.render(rows, numeric: false)
            + "\n" + quoting
    }

    static func detail(_ spec: CommandSpec) -> String {
        var lines = ["usage: \(spec.usage)", "  \(spec.summary)"]
        if !spec.details.isEmpty { lines += Glossary.glossed(spec.details).split(separator: "\n").map { "  " + $0 } }
        if !spec.keys.isEmpty {
            lines.append("keys:")
            lines.append(TextTable.render(spec.keys.map {
                ["  \($0.name)=", $0.help, ($0.defaultText.map { "default \($0); " } ?? ($0.required ? "required; " : "")) + $0.allowed]
            }, numeric: false))
        }
        lines.append("examples:")
        lines += spec.examples.map { "  nnlab> " + $0 }
        return lines.joined(separator: "\n")
    }
}

extension Array {
    var onlyElement: Element? { count == 1 ? first : nil }
}
