/// Element-wise activations, their backward forms, a fused bias + activation and axis sums,
/// computed by the SIMD kernels (see ``ElementwiseFunction`` for accuracy).
///
/// Every function keeps the shape: (rows, columns) in, (rows, columns) out. The in-place form
/// (``formApplying(_:)``) and `into:` forms reuse storage, which keeps training loops free of
/// allocations. The course's activation functions (`sigmoid(_:)`, `relu(_:)`, … in BackpropNN)
/// are built on these.
extension Matrix {
    /// The function applied to every element: `f(self)`.
    ///
    /// - Shapes: (r, c) → (r, c).
    @inlinable
    public func applying(_ function: ElementwiseFunction) -> Matrix {
        var result = self
        result.formApplying(function)
        return result
    }

    /// Applies the function to every element in place.
    @inlinable
    public mutating func formApplying(_ function: ElementwiseFunction) {
        let n = count
        _elements.withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            Kernels.map(function, UnsafePointer(p), p, count: n)
        }
    }

    /// The gradient with respect to an activation's input, from the gradient `dA` with respect
    /// to its output and the input `z` the forward pass saw (the course's
    /// `sigmoid_backward(dA, cache)` / `relu_backward(dA, cache)`), written into `dZ`
    /// (resized as needed):
    ///
    /// - sigmoid: dZ = dA ⊙ s ⊙ (1 − s), s = σ(z)
    /// - relu: dZ = dA where z > 0, 0 elsewhere (`dZ[Z <= 0] = 0`)
    /// - tanh: dZ = dA ⊙ (1 − tanh² z)
    /// - identity: dZ = dA
    ///
    /// - Shapes: dA (r, c), z (r, c) → dZ (r, c).
    /// - Precondition: `function` is sigmoid, relu, tanh or identity; dA and z have one shape.
    @inlinable
    public static func backward(
        _ function: ElementwiseFunction, dA: Matrix, z: Matrix, into dZ: inout Matrix
    ) {
        precondition(
            dA.rows == z.rows && dA.columns == z.columns,
            "Matrix.backward(\(function)): dA (\(dA.rows), \(dA.columns)) and Z (\(z.rows), \(z.columns)) differ")
        dZ.resize(rows: dA.rows, columns: dA.columns)
        let n = dA.count
        dA._elements.withUnsafeBufferPointer { pa in
            z._elements.withUnsafeBufferPointer { pz in
                dZ._elements.withUnsafeMutableBufferPointer { pd in
                    guard let a = pa.baseAddress, let zz = pz.baseAddress, let d = pd.baseAddress else { return }
                    Kernels.backward(function, dA: a, z: zz, dZ: d, count: n)
                }
            }
        }
    }

    /// The gradient with respect to an activation's input; see
    /// ``backward(_:dA:z:into:)``.
    ///
    /// - Shapes: dA (r, c), z (r, c) → (r, c).
    @inlinable
    public static func backward(_ function: ElementwiseFunction, dA: Matrix, z: Matrix) -> Matrix {
        var dZ = Matrix(rows: 0, columns: 0)
        backward(function, dA: dA, z: z, into: &dZ)
        return dZ
    }

    /// Adds the column `bias` to every column of `self` (Z = W·A + b, with `self` holding W·A)
    /// and writes `f(Z)` into `activation` (resized as needed), in one pass: the forward step
    /// of a layer after its product. `self` keeps Z, the cache the backward pass needs.
    ///
    /// - Shapes: self (n, m), bias (n, 1) → activation (n, m).
    /// - Precondition: bias is (rows, 1).
    @inlinable
    public mutating func addBias(_ bias: Matrix, applying function: ElementwiseFunction, into activation: inout Matrix) {
        precondition(
            bias.rows == rows && bias.columns == 1,
            "Matrix.addBias: bias (\(bias.rows), \(bias.columns)) is not (\(rows), 1) for Z (\(rows), \(columns))")
        activation.resize(rows: rows, columns: columns)
        let r = rows, c = columns
        bias._elements.withUnsafeBufferPointer { pb in
            _elements.withUnsafeMutableBufferPointer { pz in
                activation._elements.withUnsafeMutableBufferPointer { pa in
                    guard let z = pz.baseAddress, let a = pa.baseAddress else { return }
                    Kernels.biasActivation(function, z: z, a: a, bias: pb.baseAddress, rows: r, columns: c)
                }
            }
        }
    }

    /// The sum of each row as a (rows, 1) column, in NumPy's pairwise order: bit-identical to
    /// `np.sum(X, axis=1, keepdims=True)` (the course's `db = np.sum(dZ, axis=1, keepdims=True) / m`
    /// before the division).
    ///
    /// - Shapes: (r, c) → (r, 1).
    @inlinable
    public func rowSums() -> Matrix {
        var result = Matrix(rows: rows, columns: 1)
        sums(axis: 1, into: &result)
        return result
    }

    /// The sum of each column as a (1, columns) row, rows added in order, as
    /// `np.sum(X, axis=0, keepdims=True)` adds them.
    ///
    /// - Shapes: (r, c) → (1, c).
    @inlinable
    public func columnSums() -> Matrix {
        var result = Matrix(rows: 1, columns: columns)
        sums(axis: 0, into: &result)
        return result
    }

    /// Sums along `axis` into `result`, resized to (rows, 1) for axis 1 or (1, columns) for
    /// axis 0, reusing its storage.
    ///
    /// - Precondition: axis is 0 or 1.
    @inlinable
    public func sums(axis: Int, into result: inout Matrix) {
        precondition(axis == 0 || axis == 1, "Matrix.sums: axis must be 0 or 1, got \(axis)")
        if axis == 1 { result.resize(rows: rows, columns: 1) } else { result.resize(rows: 1, columns: columns) }
        let r = rows, c = columns
        _elements.withUnsafeBufferPointer { px in
            result._elements.withUnsafeMutableBufferPointer { po in
                guard let out = po.baseAddress else { return }
                guard let x = px.baseAddress else {
                    for i in 0..<po.count { out[i] = 0 }
                    return
                }
                Kernels.sum(axis: axis, x, rows: r, columns: c, into: out)
            }
        }
    }
}
