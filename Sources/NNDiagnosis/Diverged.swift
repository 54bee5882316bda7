import NNCore

/// The loss stopped being a finite number: the step was so large that the weights
/// overflowed. The trainer kept the weights from before, so nothing here may print NaN.
public struct Diverged: Analyzer {
    public init() {}
    public var ids: [String] { ["diverged"] }

    public func analyze(_ context: DiagnosisContext) -> [Finding] {
        guard case .diverged(let epoch) = context.stop else { return [] }
        var evidence = [Evidence("epoch", Double(epoch), "the loss could no longer be computed in epoch \(epoch)")]
        if let last = context.run.history.last {
            evidence.append(Evidence("last_finite_loss", last.trainLoss,
                                     "the last finite training loss was \(Format.number(last.trainLoss)) at epoch \(last.epoch); "
                                     + "the model keeps those weights"))
        } else {
            evidence.append(Evidence("epochs_completed", 0, "it blew up in the first epoch; the model keeps its starting weights"))
        }
        evidence.append(context.learningRateEvidence)
        return [Finding(
            id: "diverged", severity: .problem,
            headline: "training blew up in epoch \(epoch): the loss grew too large to compute",
            evidence: evidence,
            why: "Each step moved the weights so far that the predictions overshot, the next step overshot more, "
                + "and the numbers outgrew what the computer can hold. A smaller learning rate takes smaller steps.",
            fixes: [.learningRate(context.settings, times: 0.1)])]
    }
}
