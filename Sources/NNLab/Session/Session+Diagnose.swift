import NNCore
import NNDiagnosis

extension Session {
    func diagnosisContext() throws -> DiagnosisContext {
        let (data, run) = try requireRun()
        var context = DiagnosisContext(data: data.prepared, spec: data.spec, flipped: data.flipped, run: run, stop: lastStop ?? .finished)
        // Latched here too: a lesson's `expect finding` diagnoses outside a command.
        context.shouldStop = Self.latched(shouldStop)
        return context
    }

    /// Every analyzer over the current run.
    func diagnosis() throws -> Report {
        try diagnosis(try diagnosisContext())
    }

    /// Made once per run (`lastReport`), weighed before it runs: the analyzers' extra trainings and
    /// passes over the data. A report cut short by Ctrl-C is not kept.
    private func diagnosis(_ context: DiagnosisContext) throws -> Report {
        if let lastReport { return lastReport }
        let work = Doctor.standard.work(context), retrains = work.filter { $0.epochs > 0 }.reduce(0) { $0 + $1.runs }
        try checkWork(work, doing: "diagnose measures this model on every point" + (retrains > 0 ? " and trains it \(retrains) more times" : ""))
        let report = Doctor.standard.diagnose(context)
        if !context.shouldStop() { lastReport = report }
        return report
    }

    /// The diagnosis with its fixes verified, made once per run (`lastVerified`) and weighed before it runs. A report
    /// cut short by Ctrl-C is not kept.
    func verifiedDiagnosis() throws -> Report {
        try verifiedDiagnosis(try diagnosisContext())
    }

    private func verifiedDiagnosis(_ context: DiagnosisContext) throws -> Report {
        if let lastVerified { return lastVerified }
        let report = try diagnosis(context)
        let experiments = Doctor.standard.verificationWork(report, context: context)
        try checkWork(experiments, doing: "diagnose verify trains \(experiments.count) settings × \(experiments.first?.runs ?? 0) seeds")
        let verified = Doctor.standard.verify(report, context: context, shouldStop: context.shouldStop)
        if !context.shouldStop() { lastVerified = verified }
        return verified
    }

    /// `diagnose [verify] [format=json]`.
    func diagnose(verify: Bool, json: Bool) throws -> String {
        let context = try diagnosisContext()
        let report = verify ? try verifiedDiagnosis(context) : try diagnosis(context)
        let data = try requireData()
        // Variance the largest part of what is missing: would more rows close the gap? verify asks a quick curve,
        // unless a curve of this run is already there to cite.
        var quick: LearningCurve?
        if verify, !context.shouldStop(), report.budget?.largest?.key == "variance", curveOfThisRun == nil, let hidden, let run {
            quick = try learningCurve(data, Experiment(hidden: hidden, config: run.config), fractions: LearningCurve.quickFractions,
                                      seeds: LearningCurve.quickSeeds, doing: "diagnose verify's learning curve")
        }
        let curve = curveOfThisRun
        let command = { (fix: Fix) in CommandWriter.line(.fix(fix, data: data)) }
        let dataset = data.prepared.dataset
        if json { return FindingRenderer.json(report, command: command, curve: curve, dataset: dataset) }
        var text = Glossary.glossed(FindingRenderer.text(report, verified: verify, command: command, className: context.className,
                                                         curve: curve, dataset: dataset))
        if let quick {
            text += "\n\nvariance is the largest part of the missing accuracy, so verify trained a quick learning curve "
                + "(\(quick.sizes.map { Text.percent($0.fraction) }.joined(separator: " and ")) of the training rows, "
                + "\(LearningCurve.quickSeeds) seeds each): " + CurveRenderer.verdict(quick)
        }
        // After a Ctrl-C the latch stays set: say that the report is partial.
        return context.shouldStop() ? text + "\n\ninterrupted: the report is incomplete"
            + (verify ? " (\(report.findings.flatMap(\.verifications).count) fixes verified)" : "") : text
    }

    /// `explain` lists the finding ids; `explain ID` gives the long explanation.
    /// `explain` lists the finding ids and the terms; `explain ID` tells one's long story.
    func explain(_ id: String?) throws -> String {
        guard let id else {
            return "finding ids (explain ID for the long story):\n"
                + TextTable.render(Explanations.all.map { ["  " + $0.id, $0.title] }, numeric: false)
                + "\nwords the reports use (explain WORD):\n"
                + TextTable.render(Glossary.terms.map { ["  " + $0.id, $0.title] }, numeric: false)
        }
        let all = Explanations.all + Glossary.terms.map(\.explanation)
        guard let e = all.first(where: { $0.id == id }) else {
            throw CommandError("no finding or word '\(id)'" + Suggest.phrase(id, all.map(\.id)) + " (type explain for the list)")
        }
        return FindingRenderer.explanation(e, width: effectiveDisplay.columns)
    }
}
