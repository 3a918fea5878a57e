import BackpropHDF5

extension FormatError {
    /// A ``FormatError`` for an HDF5 file that could not be read as a data set: a file that
    /// cannot be opened is `.unreadable`, a folder or a file of another format `.wrongKind`,
    /// an HDF5 feature the reader lacks `.unsupported`, a missing or mistyped object
    /// `.mismatch`, data over the ``MemoryBudget`` `.tooLarge`, damaged content `.invalid`.
    init(_ error: HDF5Error) {
        if error.kind == .notHDF5 {
            self.init(.wrongKind, file: error.file, expected: "an HDF5 file", found: error.found)
            return
        }
        let reason: Reason = switch error.kind {
        case .cannotOpen: .unreadable
        case .unsupportedFeature, .unsupportedVersion: .unsupported
        case .notFound, .typeMismatch: .mismatch
        case .overMemoryBudget: .tooLarge
        default: .invalid
        }
        var found = "\(error.kind)"
        if let offset = error.offset { found += " at byte \(offset)" }
        if let objectPath = error.objectPath { found += " (object \(objectPath))" }
        self.init(reason, file: error.file, expected: "a readable HDF5 data set", found: found + ": " + error.found)
    }
}
