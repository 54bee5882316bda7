import NNDiagnosis

/// A fact a lesson checks after a command: `expect test >= 0.95`, `expect train < 70%`,
/// `expect loss < 0.1`, `expect rare_recall >= 0.9`, `expect finding linear-inseparable`, `expect no finding label-noise`,
/// `expect verified overfitting` (diagnose verify proved one of its fixes), `expect error` (the command was refused).
public enum Expectation: Equatable, Sendable, CustomStringConvertible {
    case metric(Metric, Comparison, Double)
    case finding(String, present: Bool)
    case verified(String)
    case error

    /// `rare_recall`: the share of the rarest class's training points the model finds (class weights' measure).
    public enum Metric: String, CaseIterable, Sendable { case test, train, loss, test_loss, rare_recall }
    public enum Comparison: String, CaseIterable, Sendable { case ge = ">=", le = "<=", gt = ">", lt = "<", eq = "==" }

    public init(parsing text: String) throws {
        let words = text.split(separator: " ").map(String.init)
        switch words.first {
        case "error" where words.count == 1:
            self = .error
        case "finding" where words.count == 2, "no" where words.count == 3 && words[1] == "finding":
            let id = words.last!
            guard Explanations.all.contains(where: { $0.id == id }) else {
                throw CommandError("unknown finding id '\(id)'" + Suggest.phrase(id, Explanations.all.map(\.id)))
            }
            self = .finding(id, present: words[0] == "finding")
        case "verified" where words.count == 2:
            guard Explanations.all.contains(where: { $0.id == words[1] }) else {
                throw CommandError("unknown finding id '\(words[1])'" + Suggest.phrase(words[1], Explanations.all.map(\.id)))
            }
            self = .verified(words[1])
        case let m? where words.count == 3:
            guard let metric = Metric(rawValue: m) else {
                throw CommandError("unknown measure '\(m)'; use one of: \(Metric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let comparison = Comparison(rawValue: words[1]) else {
                throw CommandError("unknown comparison '\(words[1])'; use one of: >= <= > < ==")
            }
            let percent = words[2].hasSuffix("%")
            guard let v = Double(percent ? String(words[2].dropLast()) : words[2]), v.isFinite else {
                throw CommandError("'\(words[2])' is not a number")
            }
            self = .metric(metric, comparison, percent ? v / 100 : v)
        default:
            throw CommandError("expected `expect test >= 0.95`, `expect finding ID`, `expect no finding ID`, `expect verified ID` or `expect error`")
        }
    }

    public var description: String {
        switch self {
        case .metric(let m, let c, let v): return "expect \(m.rawValue) \(c.rawValue) \(Text.number(v))"
        case .finding(let id, let present): return "expect \(present ? "" : "no ")finding \(id)"
        case .verified(let id): return "expect verified \(id)"
        case .error: return "expect error"
        }
    }

    func holds(_ actual: Double, _ c: Comparison, _ v: Double) -> Bool {
        switch c {
        case .ge: return actual >= v
        case .le: return actual <= v
        case .gt: return actual > v
        case .lt: return actual < v
        case .eq: return abs(actual - v) < 1e-9
        }
    }
}
