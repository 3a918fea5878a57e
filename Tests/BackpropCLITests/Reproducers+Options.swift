import Foundation

extension Reproducer {
    /// Reproducers of classes 4, 7 (FIFOs, /dev, /proc, system text, negative values), 8 and 9.
    static var optionReproducers: [Reproducer] {
        []
    }
}
