import Foundation

extension Reproducer {
    /// Reproducers of class 5 and the damaged-image statuses of 7 (PNG, JPEG).
    static var imageReproducers: [Reproducer] {
        []
    }
}
