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
}
