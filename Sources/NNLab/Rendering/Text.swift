import Foundation
import NNDiagnosis

/// Number wording shared by every renderer: plain, short, never "nan".
enum Text {
    /// 0.001 → "0.001", 1e-7 → "1e-07", 500.0 → "500": the shortest text that reads back the same.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "undefined" : (x > 0 ? "infinite" : "-infinite") }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    /// 1 → "1 setting", 3 → "3 settings".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)" + (n == 1 ? "" : "s") }

    /// 0.975 → "97.5%", 1 → "100%": the same rounding as the findings' own numbers.
    static func percent(_ p: Double) -> String { Format.percent(p) }

    /// A loss or similar value with 4 significant digits: 0.04632, 0.6931, 12.35. In a table column
    /// (`trailingZeros`) every value shows all four, so 0.6910 stands as 0.6910 beside 0.7071, not 0.691.
    static func value(_ x: Double, trailingZeros: Bool = false) -> String {
        guard x.isFinite else { return x.isNaN ? "undefined" : "infinite" }
        if x != 0 && abs(x) < 1e-4 { return String(format: "%.2e", x) }
        let text = String(format: trailingZeros ? "%#.4g" : "%.4g", x)
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    /// The columns `text` takes on a terminal: combining marks and format characters none, East Asian
    /// wide characters and emoji two (the ranges of Markus Kuhn's wcwidth), everything else one.
    /// Controls are not counted: they are escaped before anything is shown.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, u in
            switch u.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format, .control: return sum
            default: return sum + (wide.contains { $0.contains(u.value) } ? 2 : 1)
            }
        }
    }

    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
