import NNCore
import NNDiagnosis

extension Session {
    /// `data drop show=ID` / `data relabel show=ID`: the training points the finding lists are removed, or
    /// given the other label (with more classes, the class the finding suspects for each); the test points stay as
    /// they are. The model starts fresh on the next train.
    func editData(_ kind: DataEdit.Kind, finding id: String) throws -> String {
        let g = try requireData()
        guard run != nil else {
            throw CommandError("data \(kind.rawValue) takes the points a finding lists: train a model, then `diagnose`")
        }
        guard let finding = try diagnosis().findings.first(where: { $0.id == id }) else {
            throw CommandError("diagnose finds no \(id) here, so there are no points to \(kind.rawValue)")
        }
        let train = Set(g.prepared.split.train)
        let suspected: [Int?] = finding.suspected.count == finding.points.count ? finding.suspected : finding.points.map { _ in nil }
        let listed = zip(finding.points, suspected).filter { train.contains($0.0) }.sorted { $0.0 < $1.0 }
        let points = listed.map(\.0)
        guard !points.isEmpty else { throw CommandError("\(id) lists no training points") }
        let many = g.prepared.dataset.classes > 2
        var labels: [Int]?
        if kind == .relabel, many {
            labels = listed.compactMap(\.1)
            guard labels?.count == points.count else {
                throw CommandError("\(id) names no class for its points, and with more than two classes there is no other label: use data drop")
            }
        }
        let edited = g.applying(DataEdit(kind: kind, finding: id, points: points, labels: labels))
        let summary = try use(edited)
        let count = "\(points.count) training point\(points.count == 1 ? "" : "s")"
        let did = kind == .drop ? "dropped \(count) that \(id) lists"
            : many ? "gave \(count) the class that \(id) suspects for each" : "gave the other label to \(count) that \(id) lists"
        return "\(did) (the test set is untouched)\n"
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
