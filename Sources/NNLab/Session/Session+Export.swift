import NNCore

extension Session {
    /// `export keras|pytorch file=PATH.py`: a standalone script that rebuilds the data and the model
    /// and trains it with the last `train`'s settings (before any, those `train` would use), written atomically.
    func exportScript(_ framework: ScriptFramework, to path: String) throws -> String {
        let data = try requireData()
        guard let hidden else { throw CommandError("no model yet: type `model dense16 relu` (or `model linear`) first") }
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        let module = String(fileName.dropLast(3))
        if ["keras", "torch", "numpy", "tensorflow"].contains(module) {
            throw CommandError("name the script something other than \(fileName): Python would import it in place of \(module)")
        }
        let config = run?.config ?? TrainConfig(seed: settings.seed)
        let trained = run?.history.records.count ?? 0
        let script = PythonScript(framework: framework, data: data, hidden: hidden, config: config,
                                  epochs: trained > 0 ? trained : config.epochs,
                                  nnlabAccuracy: trained > 0 ? run?.history.last?.testAccuracy : nil,
                                  fileName: fileName)
        try write(script.text, to: path)
        return "wrote a \(framework.writer.title) script to \(path)"
    }
}
