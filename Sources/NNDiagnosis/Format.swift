/// Numbers as a learner reads them, without Foundation's `String(format:)`:
/// plain decimals, trailing zeros dropped, never "nan" or "inf".
public enum Format {
    /// A share as a percentage: `percent(0.975) == "97.5%"`, `percent(1) == "100%"`, `percent(0.00642) == "0.6%"`.
    public static func percent(_ x: Double, decimals: Int = 1) -> String {
        fixed(x * 100, decimals: decimals) + "%"
    }

    /// `digits` significant digits, the whole part never rounded away:
    /// `number(0.69134) == "0.691"`, `number(0.00063) == "0.00063"`, `number(1234.5) == "1235"`.
    /// Below 1e-6 (a vanishing gradient) and from 1e15 on it writes `6.3e-9`.
    public static func number(_ x: Double, digits: Int = 3) -> String {
        guard x.isFinite, x != 0 else { return fixed(x, decimals: 0) }
        let (mantissa, exponent) = decompose(x)
        if exponent < -6 { return fixed(mantissa, decimals: digits - 1) + "e\(exponent)" }
        return fixed(x, decimals: max(0, digits - 1 - exponent))
    }

    /// "a, b and c": items joined for a sentence.
    public static func list(_ items: [String], _ conjunction: String) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }

    /// `x` rounded to `decimals` places, trailing zeros and a bare point dropped.
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "undefined" : x > 0 ? "infinite" : "minus infinite" }
        // Beyond 1e15 a Double has no decimals left to show, and UInt64 below would overflow.
        guard abs(x) < 1e15 else {
            let (mantissa, exponent) = decompose(x)
            return fixed(mantissa, decimals: 2) + "e\(exponent)"
        }
        var scale: UInt64 = 1, places = 0
        while places < decimals && abs(x) * Double(scale) < 1e17 { scale *= 10; places += 1 }
        let v = UInt64((abs(x) * Double(scale)).rounded())
        var text = String(v / scale)
        if v % scale != 0 {
            var fraction = String(v % scale)
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return (x < 0 && v != 0 ? "-" : "") + text
    }

    /// `x = mantissa · 10^exponent` with 1 ≤ |mantissa| < 10.
    private static func decompose(_ x: Double) -> (mantissa: Double, exponent: Int) {
        var exponent = 0, m = x
        while abs(m) >= 10 { m /= 10; exponent += 1 }
        while abs(m) < 1 { m *= 10; exponent -= 1 }
        return (m, exponent)
    }
}
