import BackpropNN

/// max |a − b| / max(max |b|, 1) over every parameter.
public func parameterDifference(_ a: Parameters<Double>, _ b: Parameters<Double>) -> Double {
    var difference = 0.0, size = 1.0
    for (x, y) in zip(a.layers, b.layers) {
        for (u, v) in zip(Array(x.W.elements) + Array(x.b.elements), Array(y.W.elements) + Array(y.b.elements)) {
            difference = max(difference, abs(u - v))
            size = max(size, abs(v))
        }
    }
    return difference / size
}
