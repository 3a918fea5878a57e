@testable import BackpropPlot
import Foundation
import Testing

@Suite struct AxisTicksTests {
    /// Whether `step` is 1, 2 or 5 times a power of ten (relative tolerance 1e-9).
    static func isNiceStep(_ step: Double) -> Bool {
        let k = floor(log10(step))
        let m = step / pow(10, k)
        return [1.0, 2, 5, 10].contains { abs(m - $0) < 1e-9 * $0 }
    }

    static let ranges: [ClosedRange<Double>] = [
        0...1, 0...2500, 0.0937...0.693, -3.7...12.1, 1e-7...3e-7, 123_456...123_789, -1e9...1e9,
        0.5...0.5000001, -0.001...0, 42...43, 1...1e6, -250...(-17), 0.1...0.7, 2...3,
    ]

    @Test(arguments: ranges)
    func linearTicksCoverTheRangeWithNiceSteps(range: ClosedRange<Double>) throws {
        let (domain, ticks) = AxisTicks.linear(covering: range)
        #expect(domain.lowerBound <= range.lowerBound && domain.upperBound >= range.upperBound)
        #expect((3...12).contains(ticks.count), "\(ticks.count) ticks for \(range)")
        #expect(ticks.first!.value == domain.lowerBound && ticks.last!.value == domain.upperBound)
        let step = ticks[1].value - ticks[0].value
        #expect(Self.isNiceStep(step), "step \(step)")
        for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(abs((b.value - a.value) - step) <= 1e-9 * max(1, abs(step))) }
        // Labels are exact decimal spellings of the values, and all distinct.
        for tick in ticks {
            let parsed = try #require(Double(tick.label), "label '\(tick.label)'")
            #expect(abs(parsed - tick.value) <= 1e-9 * max(abs(step), abs(tick.value)), "'\(tick.label)' vs \(tick.value)")
        }
        #expect(Set(ticks.map(\.label)).count == ticks.count)
    }

    @Test func costCurveTicksLookLikeMatplotlib() {
        let (domain, ticks) = AxisTicks.linear(covering: 0.0937...0.693)
        #expect(domain == 0.0...0.8)
        #expect(ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8"])
        #expect(AxisTicks.linear(covering: 0...2400).ticks.map(\.label) == ["0", "500", "1000", "1500", "2000", "2500"])
    }

    @Test func degenerateRanges() {
        #expect(AxisTicks.linear(covering: nil).domain == 0...1)                  // no data
        let zero = AxisTicks.linear(covering: 0...0)                            // a single zero
        #expect(zero.domain.lowerBound < 0 && zero.domain.upperBound > 0)
        let constant = AxisTicks.linear(covering: 5...5)                        // a constant series
        #expect(constant.domain.contains(5) && constant.domain.lowerBound < 5 && constant.ticks.count >= 3)
        let negative = AxisTicks.linear(covering: -3...(-3))
        #expect(negative.domain.contains(-3) && negative.domain.lowerBound < -3)
        let tiny = AxisTicks.linear(covering: 1e-300...1e-300)
        #expect(tiny.domain.contains(1e-300) && tiny.ticks.count >= 2)
        let huge = AxisTicks.linear(covering: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        #expect(huge.ticks.count >= 2)                                          // no crash, no empty axis
    }

    @Test func finiteRangeSkipsNaNAndInfinity() {
        let values = [Double.nan, 3, -Double.infinity, 1, .infinity, 2]
        #expect(AxisTicks.finiteRange(of: values) == 1...3)
        #expect(AxisTicks.finiteRange(of: [Double.nan, .infinity]) == nil)
        #expect(AxisTicks.finiteRange(of: [-1, 0, 0.5, 4], scale: .log10) == 0.5...4)
        #expect(AxisTicks.finiteRange(of: [Double](), scale: .linear) == nil)
    }

    @Test func logTicksAreAtPowersOfTen() {
        // Fitted to the data (one significant digit out), not to whole decades (0.01...1).
        let (domain, ticks) = AxisTicks.log(covering: 0.0937...0.693)
        #expect(abs(domain.lowerBound - 0.09) < 1e-15 && abs(domain.upperBound - 0.7) < 1e-15)
        #expect(ticks.filter(\.isMajor).map(\.label) == ["0.1"])
        #expect(ticks.filter { !$0.isMajor }.count == 7)  // 0.09 and 0.2...0.7
        #expect(ticks.filter { !$0.label.isEmpty }.map(\.label) == ["0.1", "0.2", "0.3", "0.5"])
        // Costs 0.012...1.2 (the example): 0.01...2, labelled at 1 and 3 × 10^k.
        let costs = AxisTicks.log(covering: 0.012...1.2)
        #expect(abs(costs.domain.lowerBound - 0.01) < 1e-15 && abs(costs.domain.upperBound - 2) < 1e-15)
        #expect(costs.ticks.filter { !$0.label.isEmpty }.map(\.label) == ["0.01", "0.03", "0.1", "0.3", "1"])
        #expect(costs.ticks.filter(\.isMajor).map(\.value) == [0.01, 0.1, 1])
    }

    @Test func logOneDecadeLabelsTwoThreeFive() {
        let (domain, ticks) = AxisTicks.log(covering: 0.1...1)
        #expect(domain == 0.1...1)
        #expect(ticks.filter { !$0.label.isEmpty }.map(\.label) == ["0.1", "0.2", "0.3", "0.5", "1"])
        // Less than a decade: every tick labelled.
        let narrow = AxisTicks.log(covering: 0.2...0.7)
        #expect(narrow.ticks.filter { !$0.label.isEmpty }.map(\.label) == ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        let tiny = AxisTicks.log(covering: 1e-5...2e-5)
        #expect(tiny.domain == 1e-5...2e-5 && tiny.ticks.map(\.label) == ["1e-5", "2e-5"])
    }

    @Test(arguments: [(1e-12, 1e3), (1e-300, 1e300), (3.0, 3e9)])
    func logTicksStayFewOverManyDecades(lo: Double, hi: Double) {
        let (domain, ticks) = AxisTicks.log(covering: lo...hi, maxMajorCount: 8)
        let majors = ticks.filter(\.isMajor)
        #expect(domain.lowerBound <= lo && domain.upperBound >= hi)
        #expect((2...8).contains(majors.count), "\(majors.count) majors")
        #expect(majors.last!.value == domain.upperBound)
        for tick in majors {
            let e = log10(tick.value)
            #expect(abs(e - e.rounded()) < 1e-9, "\(tick.value) is not a power of ten")
            #expect(abs(Double(tick.label)! / tick.value - 1) < 1e-12)
        }
    }

    @Test func logDegenerateInput() {
        #expect(AxisTicks.log(covering: nil).domain == 1...10)
        let single = AxisTicks.log(covering: 1...1)  // a constant: half to twice the value
        #expect(single.domain == 0.5...2)
        #expect(AxisTicks.log(covering: 0.5...0.5).domain == 0.2...1)
    }

    @Test func decimalLabels() {
        #expect(AxisTicks.decimalLabel(0, exponent: 0) == "0")
        #expect(AxisTicks.decimalLabel(3, exponent: -1) == "0.3")
        #expect(AxisTicks.decimalLabel(-25, exponent: -3) == "-0.025")
        #expect(AxisTicks.decimalLabel(12, exponent: 2) == "1200")
        #expect(AxisTicks.decimalLabel(4, exponent: -1, decimals: 2) == "0.40")
        #expect(AxisTicks.decimalLabel(25, exponent: -8) == "2.5e-7")
        #expect(AxisTicks.decimalLabel(1, exponent: 9) == "1e9")
        #expect(AxisTicks.powerOfTenLabel(-4) == "0.0001")
        #expect(AxisTicks.powerOfTenLabel(-5) == "1e-5")
        #expect(AxisTicks.powerOfTenLabel(6) == "1000000")
    }

    @Test func mappingIsLinearOrLogarithmic() {
        let linear = AxisMapping(domain: 0...10, scale: .linear, pixelStart: 100, pixelEnd: 200)
        #expect(linear.position(5) == 150)
        #expect(linear.position(.nan) == nil)
        let log = AxisMapping(domain: 1...100, scale: .log10, pixelStart: 400, pixelEnd: 0)
        #expect(log.position(10) == 200)
        #expect(log.position(0) == nil && log.position(-1) == nil)
        #expect(abs(log.value(at: 200) - 10) < 1e-12)
    }
}
