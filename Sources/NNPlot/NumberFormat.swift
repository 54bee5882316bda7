/// Short number text for tick labels and legends, without Foundation:
/// 0.5, 250, 0.0452, 1e-3, 2.5e6.
enum NumberFormat {
    /// About `significant` digits, trailing zeros dropped; exponent form below 0.01 and from 10^5 up.
    static func short(_ v: Double, significant: Int = 3) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : v < 0 ? "-inf" : "inf" }
        if v == 0 { return "0" }
        var e = decade(of: abs(v))
        // Rounding may carry into the next decade: 9.996 at 3 digits is 10.0.
        if (abs(v) / powerOfTen(e) * powerOfTen(significant - 1)).rounded() >= powerOfTen(significant) { e += 1 }
        if e < -2 || e >= 5 {
            return fixed(v / powerOfTen(e), decimals: significant - 1) + "e" + String(e)
        }
        return fixed(v, decimals: max(0, significant - 1 - e))
    }

    /// At most `decimals` digits after the point, rounded half away from zero, trailing zeros dropped.
    static func fixed(_ v: Double, decimals: Int) -> String {
        let d = max(0, min(decimals, 15))
        let units = (abs(v) * powerOfTen(d)).rounded()
        guard units < 1e18 else { return short(v) }  // beyond Int64, where fixed notation is unreadable anyway
        var digits = String(Int64(units))
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
            while digits.last == "0" { digits.removeLast() }
            if digits.last == "." { digits.removeLast() }
        }
        return (v < 0 && units != 0 ? "-" : "") + digits
    }
}
