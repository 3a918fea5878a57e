import Testing
import BackpropNN

/// The synthetic data sets against their NumPy recipes (Fixtures/toolkit.json, "datasets": the
/// course's `load_planar_dataset` with 40 points, seed 1; CS231n spirals 10 × 3, seed 0).
/// Tolerance 1e-12 relative (NumPy's sin/cos may differ from the C library's in the last bit).
@Suite struct SyntheticDataTests {
    @Test func flowerMatchesTheCourseRecipe() throws {
        let s = ToolkitFixture.section("datasets")["flower"] as! [String: Any]
        let (X, Y) = try loadPlanarDataset(count: 40, seed: 1, as: Double.self)
        expectClose(X, Fixture.matrix(s["X"]), tolerance: 1e-12, "flower X")
        #expect(Y == Fixture.matrix(s["Y"]))
    }

    @Test func spiralsMatchTheRecipe() throws {
        let s = ToolkitFixture.section("datasets")["spirals"] as! [String: Any]
        let (X, Y) = try makeSpirals(pointsPerClass: 10, classes: 3, noise: 0.2, seed: 0, as: Double.self)
        expectClose(X, Fixture.matrix(s["X"]), tolerance: 1e-12, "spirals X")
        #expect(Y == Fixture.matrix(s["Y"]))
    }

    @Test func seededAndValidated() throws {
        let a = try makeSpirals(pointsPerClass: 50, seed: 4, as: Float.self)
        let b = try makeSpirals(pointsPerClass: 50, seed: 4, as: Float.self)
        let c = try makeSpirals(pointsPerClass: 50, seed: 5, as: Float.self)
        #expect(a.X == b.X && a.X != c.X)
        #expect(a.X.shape == (2, 150) && a.Y.shape == (1, 150))
        #expect(throws: NetworkError.self) { _ = try makeSpirals(pointsPerClass: 1, as: Float.self) }
        #expect(throws: NetworkError.self) { _ = try makeSpirals(classes: 1, as: Float.self) }
        #expect(throws: NetworkError.self) { _ = try loadPlanarDataset(count: 0, as: Float.self) }
    }
}
