import XCTest
import NNDiagnosis

final class FormatTests: XCTestCase {
    func testPercent() {
        XCTAssertEqual(Format.percent(0.975), "97.5%")
        XCTAssertEqual(Format.percent(1), "100%")
        XCTAssertEqual(Format.percent(0.00642), "0.6%")
        XCTAssertEqual(Format.percent(0.325), "32.5%")
        XCTAssertEqual(Format.percent(0.53125, decimals: 2), "53.13%")
        XCTAssertEqual(Format.percent(-0.025), "-2.5%")
    }

    func testNumber() {
        XCTAssertEqual(Format.number(0.69134), "0.691")
        XCTAssertEqual(Format.number(0.00063), "0.00063")
        XCTAssertEqual(Format.number(0.052), "0.052")
        XCTAssertEqual(Format.number(0.0001), "0.0001")
        XCTAssertEqual(Format.number(0.001 / 10 * 10), "0.001")
        XCTAssertEqual(Format.number(143), "143")
        XCTAssertEqual(Format.number(1234.5), "1235")
        XCTAssertEqual(Format.number(-0.5), "-0.5")
        XCTAssertEqual(Format.number(0), "0")
        XCTAssertEqual(Format.number(6.3e-9), "6.3e-9")
        XCTAssertEqual(Format.number(2e300), "2e300")
    }

    func testNeverNaNOrInf() {
        for x in [Double.nan, .infinity, -.infinity] {
            for text in [Format.number(x), Format.percent(x)] {
                XCTAssertFalse(text.lowercased().contains("nan") || text.hasSuffix("inf"), text)
            }
        }
    }
}
