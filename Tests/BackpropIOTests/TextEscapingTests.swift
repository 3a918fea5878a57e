@testable import BackpropIO
import Testing

/// The shared scalar-replacing walk of the escapers.
@Suite struct TextEscapingTests {
    @Test func replacesOnlyWhatTheTableNames() {
        let doubled = replacingScalars(in: "a&b é✓\u{07}") { $0 == "&" ? "&&" : $0.value < 0x20 ? "?" : nil }
        #expect(doubled == "a&&b é✓?")
        #expect(replacingScalars(in: "") { _ in "x" } == "")
        #expect(replacingScalars(in: "👍🏽") { _ in nil } == "👍🏽")  // scalars kept, not characters rebuilt
    }
}
