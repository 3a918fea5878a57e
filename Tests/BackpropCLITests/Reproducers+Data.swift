import Foundation

extension Reproducer {
    /// Reproducers of classes 1, 2, 3 and the damaged-file statuses of 7 (HDF5, npz, npy, CSV, IDX).
    static var dataReproducers: [Reproducer] {
        []
    }
}
