import Foundation
import Testing
@testable import BackpropMatrix

/// The element-wise kernels against straightforward loops over the C library's functions.
///
/// Tolerances: Double matches the plain formulas bit for bit (same libm calls, same operation
/// order). Float sigmoid/exp use a SIMD polynomial on x86: exp within 2 ulp of the correctly
/// rounded value for normal results, sigmoid within 4 ulp, the backward forms within 8 ulp
/// (they multiply a few such values).
@Suite struct KernelElementwiseTests {
    /// Values across the interesting ranges, including ±0, large magnitudes, NaN and ±inf.
    static func inputs<T: MatrixScalar>(_: T.Type, count: Int, seed: UInt64) -> [T] {
        var rng = SeededGenerator(seed: seed)
        var values: [T] = [0, -0.0, 1, -1, 0.5, -0.5, 20, -20, 87, -87, 88.5, -100, 700, -745, .nan, .infinity, -.infinity]
        while values.count < count {
            let scale = [1.0, 5.0, 30.0, 1e-3][values.count % 4]
            values.append(T((rng.nextDouble() * 2 - 1) * scale))
        }
        return Array(values.prefix(count))
    }

    /// The distance in units in the last place between two values (0 when both NaN or equal).
    static func ulps<T: MatrixScalar>(_ a: T, _ b: T) -> Double {
        if a.isNaN && b.isNaN { return 0 }
        if a == b { return 0 }
        if a.isNaN || b.isNaN || a.isInfinite || b.isInfinite { return .infinity }
        let scale = Swift.max(Swift.abs(a), Swift.abs(b))
        let ulp = scale < T.leastNormalMagnitude ? T.leastNonzeroMagnitude : scale.ulp
        return Double(Swift.abs(a - b) / ulp)
    }

    /// The largest ulp distance between `got` and `expected` over the inputs `include` accepts.
    static func maxUlps<T: MatrixScalar>(
        _ got: ContiguousArray<T>, _ expected: [T], inputs: [T]? = nil, where include: (T) -> Bool = { _ in true }
    ) -> Double {
        var worst = 0.0
        for i in got.indices where include(inputs?[i] ?? expected[i]) { worst = Swift.max(worst, ulps(got[i], expected[i])) }
        return worst
    }

    @Test("Double activations equal the plain formulas bit for bit", arguments: [1, 7, 16, 33, 1000])
    func doubleForward(count: Int) {
        let x = Self.inputs(Double.self, count: count, seed: UInt64(count))
        let m = Matrix(rows: 1, columns: x.count, elements: x)
        let sig = m.applying(.sigmoid).elements, relu = m.applying(.relu).elements
        let th = m.applying(.tanh).elements, ex = m.applying(.exp).elements, lg = m.applying(.log).elements
        for i in x.indices {
            let v = x[i]
            #expect(Self.ulps(sig[i], 1 / (1 + Foundation.exp(-v))) == 0, "sigmoid(\(v))")
            #expect(Self.ulps(relu[i], v < 0 ? 0 : v) == 0, "relu(\(v))")
            #expect(Self.ulps(th[i], Foundation.tanh(v)) == 0, "tanh(\(v))")
            #expect(Self.ulps(ex[i], Foundation.exp(v)) == 0, "exp(\(v))")
            #expect(Self.ulps(lg[i], Foundation.log(v)) == 0, "log(\(v))")
        }
    }

    @Test("Float exp and sigmoid stay within the stated ulp bounds", arguments: [1, 15, 16, 17, 4099])
    func floatForward(count: Int) {
        let x = Self.inputs(Float.self, count: count, seed: UInt64(count) + 100)
        let m = Matrix(rows: 1, columns: x.count, elements: x)
        let ex = m.applying(.exp).elements, sig = m.applying(.sigmoid).elements, relu = m.applying(.relu).elements
        let exact = x.map { Float(Foundation.exp(Double($0))) }
        let exactSigmoid = x.map { Float(1 / (1 + Foundation.exp(-Double($0)))) }
        // normal results only: below 2^-126 the result is subnormal and has fewer digits
        let normal: (Float) -> Bool = { $0.isNaN || $0.isInfinite || $0 > -87.3 }
        #expect(Self.maxUlps(ex, exact, inputs: x, where: normal) <= 2)
        #expect(Self.maxUlps(sig, exactSigmoid, inputs: x, where: { $0.isNaN || $0.isInfinite || $0 > -87.3 }) <= 4)
        for i in x.indices { #expect(Self.ulps(relu[i], x[i] < 0 ? 0 : x[i]) == 0) }
    }

    @Test("Float exp over a dense sweep of its range: at most 2 ulp")
    func floatExpSweep() {
        var x: [Float] = []
        var v: Float = -87.3
        while v < 88.7 { x.append(v); v += 0.000731 }
        let ex = Matrix(rows: 1, columns: x.count, elements: x).applying(.exp).elements
        let worst = Self.maxUlps(ex, x.map { Float(Foundation.exp(Double($0))) })
        #expect(worst <= 2, "worst \(worst) ulp over \(x.count) values")
    }

    @Test("Backward forms match the plain formulas", arguments: [ElementwiseFunction.sigmoid, .relu, .tanh, .identity])
    func backward(function: ElementwiseFunction) {
        for count in [1, 5, 16, 31, 1000] {
            let z = Self.inputs(Double.self, count: count, seed: 7).map { $0.isNaN ? 0.25 : $0 }
            var rng = SeededGenerator(seed: 8)
            let dA = z.map { _ in rng.nextDouble() * 2 - 1 }
            let expected: [Double] = zip(dA, z).map { d, v in
                switch function {
                case .sigmoid: let s = 1 / (1 + Foundation.exp(-v)); return d * s * (1 - s)
                case .relu: return v <= 0 ? 0 : d
                case .tanh: let t = Foundation.tanh(v); return d * (1 - t * t)
                default: return d
                }
            }
            let md = Matrix(rows: 1, columns: count, elements: dA), mz = Matrix(rows: 1, columns: count, elements: z)
            let got = Matrix.backward(function, dA: md, z: mz).elements
            #expect(Self.maxUlps(got, expected) == 0, "Double \(function) n=\(count)")
            let gotF = Matrix.backward(function, dA: md.converted(to: Float.self), z: mz.converted(to: Float.self)).elements
            let expectedF: [Float] = zip(dA, z).map { d, v in
                let (fd, fv) = (Float(d), Float(v))
                switch function {
                case .sigmoid: let s = Float(1 / (1 + Foundation.exp(-Double(fv)))); return fd * s * (1 - s)
                case .relu: return fv <= 0 ? 0 : fd
                case .tanh: let t = Foundation.tanhf(fv); return fd * (1 - t * t)
                default: return fd
                }
            }
            // 1 - s loses relative precision as s → 1; compare in absolute terms scaled by |dA|.
            for i in expectedF.indices {
                let tolerance = Float(8) * Float.ulpOfOne * Swift.max(Swift.abs(Float(dA[i])), Float.leastNormalMagnitude)
                #expect(Swift.abs(gotF[i] - expectedF[i]) <= tolerance, "Float \(function) z=\(z[i])")
            }
        }
    }

    @Test("Fused bias + activation equals adding the bias, then the activation")
    func biasActivation() {
        var rng = SeededGenerator(seed: 3)
        for (r, c) in [(1, 1), (20, 209), (7, 33), (3, 0)] {
            let wa: Matrix<Double> = rng.normal(rows: r, columns: c)
            let b: Matrix<Double> = rng.normal(rows: r, columns: 1)
            for function in [ElementwiseFunction.relu, .sigmoid, .tanh, .identity] {
                var z = wa
                var a = Matrix<Double>(rows: 0, columns: 0)
                z.addBias(b, applying: function, into: &a)
                let expectedZ = wa + b
                #expect(z == expectedZ)
                #expect(a == expectedZ.applying(function))
                var zf = wa.converted(to: Float.self)
                var af = Matrix<Float>(rows: 0, columns: 0)
                zf.addBias(b.converted(to: Float.self), applying: function, into: &af)
                #expect(af == (wa.converted(to: Float.self) + b.converted(to: Float.self)).applying(function))
            }
        }
    }

    @Test("Row sums follow NumPy's pairwise order; column sums add rows in order")
    func sums() {
        var rng = SeededGenerator(seed: 5)
        for (r, c) in [(1, 1), (3, 7), (20, 209), (2, 1000), (4, 0), (0, 4), (5, 129)] {
            let x: Matrix<Float> = rng.normal(rows: r, columns: c)
            let rows = x.rowSums(), columns = x.columnSums()
            #expect(rows.rows == r && rows.columns == 1 && columns.rows == 1 && columns.columns == c)
            for i in 0..<r {
                var exact = 0.0
                for j in 0..<c { exact += Double(x[i, j]) }
                #expect(Swift.abs(Double(rows[i, 0]) - exact) <= 1e-5 * Swift.max(1, Double(c).squareRoot()))
            }
            for j in 0..<c {
                var s: Float = 0
                for i in 0..<r { s += x[i, j] }
                #expect(columns[0, j] == s)
            }
        }
    }

    @Test("Row sums equal NumPy's np.sum(axis=1) bit for bit (Fixtures/kernel_sums.txt)")
    func pairwiseMatchesNumPy() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/kernel_sums.txt")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 36)
        var sequentialDiffers = 0
        for line in lines {
            let fields = line.split(separator: " ")
            let n = Int(fields[1])!, bits = UInt64(fields[2], radix: 16)!
            // the row make_kernel_sums.py builds (exact in both types, then × 1.1 rounded)
            func value(_ j: Int) -> Double {
                Double((j * 7919 + n * 31) % 1000 - 500) * Double(sign: .plus, exponent: -(6 + 3 * (j % 5)), significand: 1)
            }
            if fields[0] == "float32" {
                let x = Matrix<Float>(rows: 1, columns: n, elements: (0..<n).map { Float(value($0)) * Float(1.1) })
                let sum = x.rowSums()[0, 0]
                #expect(sum.bitPattern == UInt32(bits), "float32 n=\(n): \(sum), NumPy \(Float(bitPattern: UInt32(bits)))")
                if x.elements.reduce(0, +) != sum { sequentialDiffers += 1 }
            } else {
                let x = Matrix<Double>(rows: 1, columns: n, elements: (0..<n).map { value($0) * 1.1 })
                let sum = x.rowSums()[0, 0]
                #expect(sum.bitPattern == bits, "float64 n=\(n): \(sum), NumPy \(Double(bitPattern: bits))")
                if x.elements.reduce(0, +) != sum { sequentialDiffers += 1 }
            }
        }
        // the fixture exercises the order: a plain left-to-right sum differs on some rows
        #expect(sequentialDiffers > 0)
    }

    /// The finite check against `ReferenceKernels.allFinite`: one NaN, +∞ or −∞ placed at every
    /// position of arrays shorter and longer than the vector width (tails included), with the
    /// near misses that must count as finite (the largest float, subnormals, −0).
    @Test("isFinite finds every NaN and infinity at every position and accepts every finite value", arguments: [0, 1, 7, 8, 15, 16, 17, 33, 100])
    func finiteCheck(count: Int) {
        func check<T: MatrixScalar>(_: T.Type) {
            let finite: [T] = [1, -0.0, T.greatestFiniteMagnitude, -T.greatestFiniteMagnitude, T.leastNonzeroMagnitude, T.leastNormalMagnitude, 3.5]
            let base = Matrix<T>(rows: 1, columns: count, elements: (0..<count).map { finite[$0 % finite.count] })
            #expect(base.isFinite && ReferenceKernels.allFinite(base), "\(T.self) n=\(count) finite")
            for bad in [T.nan, T.infinity, -T.infinity, T.signalingNaN] {
                for position in 0..<count {
                    var m = base
                    m.elements[position] = bad
                    #expect(!m.isFinite && !ReferenceKernels.allFinite(m), "\(T.self) n=\(count): \(bad) at \(position)")
                }
            }
        }
        check(Float.self)
        check(Double.self)
    }

    /// The counting sum against `ReferenceKernels.addCountingNonFinite`: the same bits and the
    /// same count, for terms that are finite, NaN, infinite, or finite with a sum that overflows
    /// (the largest float twice), at every position of arrays shorter and longer than the
    /// vector width.
    @Test("addCountingNonFinite adds like the scalar loop and counts every sum that is NaN or infinite", arguments: [0, 1, 7, 8, 15, 16, 17, 33, 100])
    func countingSum(count: Int) {
        func check<T: MatrixScalar>(_: T.Type) {
            let terms: [T] = [1, -0.0, T.greatestFiniteMagnitude, 0.1, T.leastNonzeroMagnitude, -2.5, .nan, T.infinity, -T.infinity, 3]
            let partners: [T] = [2, -0.0, T.greatestFiniteMagnitude, 0.2, -T.leastNonzeroMagnitude, T.infinity, 1, 7, -1, -3]
            for shift in 0..<terms.count {
                let values = (0..<count).map { terms[($0 + shift) % terms.count] }
                let sums = (0..<count).map { partners[($0 * 3 + shift) % partners.count] }
                var expected = sums
                let expectedCount = ReferenceKernels.addCountingNonFinite(values, into: &expected)
                var fast = sums
                let fastCount = values.withUnsafeBufferPointer { x in fast.withUnsafeMutableBufferPointer { Matrix<T>.addCountingNonFinite(x, into: $0) } }
                #expect(fastCount == expectedCount, "\(T.self) n=\(count) shift \(shift): \(fastCount) counted, \(expectedCount) expected")
                #expect(zip(fast, expected).allSatisfy { $0 == $1 && $0.sign == $1.sign || $0.isNaN && $1.isNaN }, "\(T.self) n=\(count) shift \(shift)")
                #expect(expectedCount == expected.filter { !$0.isFinite }.count)
            }
        }
        check(Float.self)
        check(Double.self)
    }
}
