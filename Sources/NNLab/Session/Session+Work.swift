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
            let over = replayAllowance == nil ? "the limit is \(Self.duration(Limits.trainingWork))"
                : "what is left of the replay's limit is \(Self.duration(limit)) of \(Self.duration(Limits.replayWork))"
            throw CommandError((doing.map { $0 + ": " } ?? "") + "that is \(Self.duration(work)) of training; \(over); "
                               + "use fewer epochs, points or units")
        }
        if let allowance = replayAllowance { replayAllowance = allowance - work }
    }

    /// Multiply-adds a second, the slow end of what a release build does (1e9 on six dense512 layers,
    /// 2.5–3.5e9 on small to dense256 models: `Limits.trainingWork`), so the words do not promise too little.
    static let multiplyAddsPerSecond = 1e9

    /// Work in plain time: "about 40 seconds", "about one minute", "about 4 minutes", "about 3 hours".
    static func duration(_ work: Double) -> String {
        let seconds = work / multiplyAddsPerSecond
        func about(_ n: Double, _ unit: String) -> String {
            let whole = max(1, Int(n.rounded()))
            return whole == 1 ? "about one \(unit)" : "about \(whole) \(unit)s"
        }
        if seconds < 45 { return about(seconds, "second") }
        if seconds < 90 * 60 { return about(seconds / 60, "minute") }
        return about(seconds / 3600, "hour")
    }
}
