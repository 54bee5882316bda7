import Foundation

/// Tab completion from the command table: verbs, forms, bare words, `key=` names, choice values and
/// file names.
public enum Completion {
    /// Candidates for the word `partial`, given the text of the line before it.
    /// `names` gives the run-time names a verb's `.name` word may take (lessons, finding ids).
    public static func candidates(before: String, partial: String, names: (String) -> [String] = { _ in [] }) -> [String] {
        let words = Tokenizer.tokenize(before).map(\.text)
        return options(after: words, partial: partial, names: names).filter { $0.hasPrefix(partial) }
    }

    static func options(after words: [String], partial: String, names: (String) -> [String]) -> [String] {
        guard let verb = words.first else { return CommandTable.verbs }
        let forms = CommandTable.forms(of: Substring(verb))
        guard let first = forms.first else { return [] }
        var spec = first
        if first.form != nil {
            guard words.count >= 2, let chosen = forms.first(where: { $0.form! == words[1] }) else {
                return words.count == 1 ? forms.map { String($0.form!) } : []
            }
            spec = chosen
        }
        if let eq = partial.firstIndex(of: "=") {
            guard let key = spec.key(String(partial[..<eq])) else { return [] }
            switch key.kind {
            case .choice(let choices): return choices.map { key.name + "=" + $0 }
            case .path(let ext): return paths(String(partial[partial.index(after: eq)...]), ext: ext).map { key.name + "=" + $0 }
            case .folder: return paths(String(partial[partial.index(after: eq)...]), ext: nil).map { key.name + "=" + $0 }
            default: return []
            }
        }
        let given = Set(words.compactMap { $0.split(separator: "=").first.map(String.init) })
        let keys = spec.keys.filter { !given.contains($0.name) }.map { $0.name + "=" }
        switch spec.words {
        case .none: return keys
        case .flags(let flags): return flags.filter { !given.contains($0) } + keys
        case .topic:
            if words.count == 1 { return CommandTable.verbs }
            return words.count == 2 ? CommandTable.forms(of: Substring(words[1])).compactMap { $0.form.map(String.init) } : []
        case .name: return words.count == 1 ? names(verb) : []
        case .terms: return names(verb).filter { !given.contains($0) }
        case .layers:
            // After `denseN` comes an activation; otherwise another layer (or linear, first), or after a layer a key.
            if let last = words.last, last.hasPrefix("dense"), words.count > 1 { return CommandTable.activations }
            return (words.count == 1 ? ["linear"] : []) + ["dense8", "dense16", "dense32", "dense64"] + (words.count > 2 ? keys : [])
        }
    }

    /// Folders (ending in `/`, to go on into) and files with the key's extension (none without one),
    /// beside `partial`; hidden ones only when `partial` asks for them with a dot.
    static func paths(_ partial: String, ext: String?) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let folder = slash.map { String(partial[...$0]) } ?? ""
        let name = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        return entries.filter { $0.hasPrefix(name) && (name.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().compactMap { entry in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + entry, isDirectory: &isFolder) else { return nil }
            if isFolder.boolValue { return folder + entry + "/" }
            return ext.map { entry.hasSuffix("." + $0) } == true ? folder + entry : nil
        }
    }
}
