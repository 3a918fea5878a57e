import Testing
import BackpropMatrix
@testable import BackpropFormats

/// Standardisation and min-max scaling, compared with NumPy's formulas written out
/// (x.mean(axis=1), x.std(axis=1), x.min/max(axis=1)) on a small matrix.
@Suite struct FeatureScalerTests {
    let x = Matrix<Double>([[1, 2, 3, 4], [10, 10, 10, 10], [-2, 0, 2, 8]])

    @Test func standardizeUsesPopulationStatistics() {
        let scaler = FeatureScaler(fitting: x, kind: .standardize)
        #expect(scaler.offsets == [2.5, 10, 2])
        #expect(abs(scaler.scales[0] - 1.118033988749895) < 1e-15)  // np.std([1, 2, 3, 4])
        #expect(scaler.scales[1] == 1)  // constant feature: σ = 0 replaced by 1
        let scaled = scaler.transform(x)
        let mean = scaled.mean(axis: 1)
        for row in 0..<3 { #expect(abs(mean[row, 0]) < 1e-15) }
        let back = scaler.inverseTransform(scaled)
        for (a, b) in zip(back.elements, x.elements) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func minMaxMapsToUnitInterval() {
        let scaler = FeatureScaler(fitting: x, kind: .minMax)
        #expect(scaler.offsets == [1, 10, -2] && scaler.scales == [3, 1, 10])
        #expect(scaler.transform(x) == Matrix([[0, 1.0 / 3, 2.0 / 3, 1], [0, 0, 0, 0], [0, 0.2, 0.4, 1]]))
    }

    @Test func metadataRoundTripsExactly() throws {
        for kind in FeatureScaler.Kind.allCases {
            let scaler = FeatureScaler(fitting: Matrix<Double>([[0.1, 0.7, 1e-9], [3, -5, 2]]), kind: kind)
            let back = try #require(try FeatureScaler(metadata: scaler.metadata))
            #expect(back == scaler)
        }
        #expect(try FeatureScaler(metadata: [:]) == nil)
        #expect(throws: FormatError.self) { try FeatureScaler(metadata: ["scaler.kind": "zscore"]) }
        #expect(throws: FormatError.self) {
            try FeatureScaler(metadata: ["scaler.kind": "standardize", "scaler.offsets": "1,2", "scaler.scales": "1"])
        }
        #expect(throws: FormatError.self) {
            try FeatureScaler(metadata: ["scaler.kind": "min-max", "scaler.offsets": "1,x", "scaler.scales": "1,1"])
        }
    }
}
