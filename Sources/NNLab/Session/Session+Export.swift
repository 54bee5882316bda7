import Foundation
import NNCore

extension Session {
    /// `export keras|pytorch file=PATH.py [exact=on|off] [embed=on|off]`: a standalone script that rebuilds the
    /// data and the model and trains it with the last `train`'s settings (before any, those `train` would use),
    /// written atomically. A loaded CSV is read by the script from its path relative to the script, unless
    /// `embed=on` or the file is no longer there: then its rows are written into the script.
    func exportScript(_ framework: ScriptFramework, _ c: Invocation) throws -> String {
        let path = c.text("file")!
        let data = try requireData()
        guard let hidden else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`) first") }
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        let module = String(fileName.dropLast(3))
        if ["keras", "torch", "numpy", "tensorflow"].contains(module) {
            throw CommandError("name the script something other than \(fileName): Python would import it in place of \(module)")
        }
        let config = run?.config ?? freshConfig()
        let trained = run?.history.records.count ?? 0
        var csvPath: String?, note = ""
        if case .loaded = data.origin, !data.edits.isEmpty {
            note = " (training points were dropped or relabelled: the rows are written into the script as nnlab has them)"
        } else if case .loaded(let load) = data.origin, c.text("embed") != "on" {
            let csv = absolute(load.file)
            if FileManager.default.fileExists(atPath: csv) {
                csvPath = Self.relativePath(csv, from: (absolute(path) as NSString).deletingLastPathComponent)
            } else {
                note = " (\(CommandError.printable(load.file)) is not there any more: its rows are written into the script)"
            }
        }
        let script = PythonScript(framework: framework, data: data, hidden: hidden, config: config,
                                  // Early stopping ends where it ends: the script runs it over the epochs asked for.
                                  epochs: trained > 0 && config.patience == 0 ? trained : config.epochs,
                                  nnlab: trained > 0 ? run?.history.last : nil,
                                  fileName: fileName, exact: c.text("exact") != "off", csvPath: csvPath,
                                  mixedSettings: run != nil && continuedWithOtherSettings)
        try write(script.text, to: path)
        return "wrote a \(framework.writer.title) script to \(path)" + note
    }

    /// `to` as seen from the folder `from`, both absolute: `data/p1.csv`, `../p1.csv`.
    static func relativePath(_ to: String, from folder: String) -> String {
        let target = URL(fileURLWithPath: to).standardized.pathComponents, base = URL(fileURLWithPath: folder).standardized.pathComponents
        let common = zip(target, base).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
    }
}
