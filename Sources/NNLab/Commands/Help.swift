/// `help` and `help VERB`, read from the command table.
enum Help {
    static func text(topic: String?) throws -> String {
        guard let topic else { return overview }
        // Graded lookup, as the SQLite shell does: exact verb, then unique prefix.
        let verbs = CommandTable.verbs
        let verb = verbs.contains(topic) ? topic : verbs.filter { $0.hasPrefix(topic) }.onlyElement
        guard let verb else {
            throw CommandError("no help for '\(topic)'" + Suggest.phrase(topic, verbs) + " (type help for the list)")
        }
        return CommandTable.forms(of: Substring(verb)).map(detail).joined(separator: "\n\n")
    }

    static var overview: String {
        let rows = CommandTable.all.map { ["  " + $0.name, $0.summary] }
        return "commands (help VERB for keys and examples):\n" + TextTable.render(rows, numeric: false)
    }

    static func detail(_ spec: CommandSpec) -> String {
        var lines = ["usage: \(spec.usage)", "  \(spec.summary)"]
        if !spec.details.isEmpty { lines += spec.details.split(separator: "\n").map { "  " + $0 } }
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
