// Powers and logarithms of ten from the standard library alone: NNPlot imports
// nothing but NNCore, and labels need exact decades (10^-3 must be 0.001, not a neighbour).

/// 10^e, correctly rounded: whole powers up to 10^22 are exact, negatives are one division
/// (two below 10^-308, where 10^-e itself would overflow: the subnormal decades).
func powerOfTen(_ e: Int) -> Double {
    guard e >= -308 else { return powerOfTen(Swift.max(e, -400) + 308) / powerOfTen(308) }
    var p = 1.0
    for _ in 0..<min(abs(e), 400) { p *= 10 }
    return e >= 0 ? p : 1 / p
}

/// The decade of `x > 0`: the integer e with 10^e ≤ x < 10^(e+1).
func decade(of x: Double) -> Int {
    precondition(x > 0 && x.isFinite, "decade of a positive finite number")
    var e = Int((decimalLog(x)).rounded(.down))
    while powerOfTen(e) > x { e -= 1 }
    while powerOfTen(e + 1) <= x { e += 1 }
    return e
}

/// log10 of `x > 0`: x = s·2^k with s in [1, 2), and ln s = 2·atanh((s−1)/(s+1)) as a short series.
func decimalLog(_ x: Double) -> Double {
    let ln2 = 0.6931471805599453, ln10 = 2.302585092994046
    let t = (x.significand - 1) / (x.significand + 1), t2 = t * t
    var term = t, sum = 0.0
    for n in stride(from: 1, through: 41, by: 2) {  // t ≤ 1/3, so 21 terms reach double precision
        sum += term / Double(n)
        term *= t2
    }
    return (Double(x.exponent) * ln2 + 2 * sum) / ln10
}
