import Foundation
import Testing
@testable import BackpropMatrix

/// NumPyRandom against draws NumPy made (Fixtures/numpy_random.txt, written by
/// Fixtures/make_numpy_random.py): every value must be bit-identical.
@Suite struct NumPyRandomTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/numpy_random.txt")

    @Test func firstValuesOfTheCourseSeeds() {
        var rng = NumPyRandom(seed: 1)
        #expect(rng.nextGaussian() == 1.6243453636632417)
        #expect(rng.nextGaussian() == -0.6117564136500754)
        #expect(rng.nextGaussian() == -0.5281717522634557)
        #expect(rng.nextGaussian() == -1.0729686221561705)
        var rng3 = NumPyRandom(seed: 3)
        #expect(rng3.nextGaussian() == 1.7886284734303186)
    }

    @Test func randnFillsRowMajor() {
        var rng = NumPyRandom(seed: 1)
        let m: Matrix<Double> = rng.randn(rows: 2, columns: 3)
        #expect(m[0, 0] == 1.6243453636632417)
        #expect(m[0, 1] == -0.6117564136500754)
        #expect(m[0, 2] == -0.5281717522634557)
        #expect(m[1, 0] == -1.0729686221561705)
    }

    @Test func matchesNumPyBitForBitOnTheFixture() throws {
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        var rng: NumPyRandom? = nil
        var checked = 0, seeds = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            switch fields[0] {
            case "seed":
                rng = NumPyRandom(seed: UInt32(fields[1])!)
                seeds += 1
            case "randn", "rand":
                for (i, field) in fields.dropFirst().enumerated() {
                    let expected = Double(bitPattern: UInt64(field, radix: 16)!)
                    let actual = fields[0] == "randn" ? rng!.nextGaussian() : rng!.nextDouble()
                    #expect(actual.bitPattern == expected.bitPattern, "seed #\(seeds) \(fields[0]) value \(i)")
                    checked += 1
                }
            case "permutation":
                let n = Int(fields[1])!
                let expected = fields.dropFirst(2).map { Int($0)! }
                #expect(rng!.permutation(n) == expected)
                checked += n
            default:
                Issue.record("unknown fixture line \(fields[0])")
            }
        }
        #expect(seeds == 5)
        #expect(checked > 7000)
    }

    @Test func reseedingRestartsTheStream() {
        var a = NumPyRandom(seed: 42)
        let first = (0..<5).map { _ in a.nextGaussian() }
        var b = NumPyRandom(seed: 42)
        #expect((0..<5).map { _ in b.nextGaussian() } == first)
    }

    @Test func intervalStaysInRange() {
        var rng = NumPyRandom(seed: 7)
        for bound in [0, 1, 2, 5, 100, 1 << 20, 1 << 40] as [UInt64] {
            for _ in 0..<200 { #expect(rng.nextInterval(bound) <= bound) }
        }
    }
}

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameSequence() {
        var a = SeededGenerator(seed: 99), b = SeededGenerator(seed: 99)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        var c = SeededGenerator(seed: 100)
        var d = SeededGenerator(seed: 99)
        #expect((0..<4).map { _ in c.next() } != (0..<4).map { _ in d.next() })
    }

    @Test func uniformAndNormalMoments() {
        var rng = SeededGenerator(seed: 1)
        let u: Matrix<Double> = rng.uniform(rows: 200, columns: 100)
        #expect(u.min() >= 0 && u.max() < 1)
        #expect(abs(u.mean() - 0.5) < 0.01)
        let n: Matrix<Double> = rng.normal(rows: 200, columns: 100)
        #expect(abs(n.mean()) < 0.02)
        #expect(abs((n * n).mean() - 1) < 0.03)
    }
}
