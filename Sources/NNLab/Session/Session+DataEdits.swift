import NNCore
import NNDiagnosis

extension Session {
    /// `data drop show=ID` / `data relabel show=ID`: the training points the finding lists are removed, or
    /// given the other label; the test points stay as they are. The model starts fresh on the next train.
    func editData(_ kind: DataEdit.Kind, finding id: String) throws -> String {
        let g = try requireData()
        guard run != nil else {
            throw CommandError("data \(kind.rawValue) takes the points a finding lists: train a model, then `diagnose`")
        }
        guard let finding = try diagnosis().findings.first(where: { $0.id == id }) else {
            throw CommandError("diagnose finds no \(id) here, so there are no points to \(kind.rawValue)")
        }
        let train = Set(g.prepared.split.train)
        let points = finding.points.filter(train.contains).sorted()
        guard !points.isEmpty else { throw CommandError("\(id) lists no training points") }
        if kind == .relabel, g.prepared.dataset.classes > 2 {
            throw CommandError("data relabel gives the other of two labels; with more classes use data drop")
        }
        let edited = g.applying(DataEdit(kind: kind, finding: id, points: points))
        let summary = try use(edited)
        let did = kind == .drop ? "dropped" : "gave the other label to"
        return "\(did) \(points.count) training point\(points.count == 1 ? "" : "s") that \(id) lists (the test set is untouched)\n"
            + summary + freshModelNote
    }

    /// `data reset`: the data as generated or loaded again, every drop and relabel undone (features kept).
    func resetData() throws -> String {
        let g = try requireData()
        guard !g.edits.isEmpty else { return "nothing to undo: no points were dropped or relabelled\n" + dataSummary(g) }
        let count = g.edits.count
        return "undid \(count) edit\(count == 1 ? "" : "s") of the training points\n" + (try use(g.reset())) + freshModelNote
    }

    /// "dropped 12 training points that label-noise listed (data drop show=label-noise)", one line per edit.
    func editLines(_ g: LabData) -> [String] {
        g.edits.map { e in
            return "\(e.kind == .drop ? "dropped" : "relabelled"): \(e.points.count) training points that \(e.finding) listed "
                + "(\(CommandWriter.line(.edit(e.kind, finding: e.finding)))): " + e.points.prefix(20).map(String.init).joined(separator: " ") + (e.points.count > 20 ? " ..." : "")
        }
    }
}
