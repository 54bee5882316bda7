import NNCore

extension Session {
    /// The one place that weighs work: every command that trains (train, sweep, diagnose, diagnose verify,
    /// curve, compare) hands over all it is about to train, counted before any network is built
    /// (`TrainingJob`), and is refused up front when that would take minutes. Inside a replay (and
    /// `nnlab check`) the whole transcript shares one allowance, so that many commands each under the
    /// limit cannot add up to an hour. `doing` names the extra trainings when the command's own words do not.
    func checkWork(_ jobs: [TrainingJob], doing: String? = nil) throws {
        let work = jobs.reduce(0.0) { $0 + $1.multiplyAdds }
        let limit = replayAllowance ?? Limits.trainingWork
        guard work <= limit else {
            let over = replayAllowance == nil ? "over the limit of \(Self.billions(Limits.trainingWork))"
                : "over what is left of the replay's limit (\(Self.billions(limit)) of \(Self.billions(Limits.replayWork)))"
            throw CommandError((doing.map { $0 + ": " } ?? "") + "that is about \(Self.billions(work)) multiply-adds, \(over) "
                               + "(minutes of waiting); use fewer epochs, points or units")
        }
        if let allowance = replayAllowance { replayAllowance = allowance - work }
    }

    /// "97e9"
    private static func billions(_ x: Double) -> String { "\(Text.number((x / 1e9).rounded()))e9" }
}
