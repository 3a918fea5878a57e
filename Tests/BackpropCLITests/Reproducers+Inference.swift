import Foundation

extension Reproducer {
    /// Reproducers of class 6 (inference on non-finite features, damaged scans, divergence).
    static var inferenceReproducers: [Reproducer] {
        []
    }
}
