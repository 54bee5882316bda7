import NNCore
import NNDiagnosis
@testable import NNLab

extension Fix {
    /// The command nnlab shows for this fix, through the one writer (on generated data).
    var command: String { CommandWriter.line(.fix(self, data: LabData(DataSpec(kind: .circles).generate()))) }
}
