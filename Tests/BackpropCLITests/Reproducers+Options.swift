import Foundation

extension Reproducer {
    /// Reproducers of classes 4, 7 (FIFOs, /dev, /proc, system text, negative values), 8 and 9.
    static var optionReproducers: [Reproducer] {
        extremeOptions + wrongStatusOrMessage + nonUTF8Names + signals
    }

    /// `backprop train` on the built-in spirals with `options`, writing nothing.
    private static func train(_ options: String...) -> @Sendable (URL) throws -> [String] {
        { _ in ["train", "--no-save", "--no-plot", "--quiet"] + options }
    }

    /// Class 4: extreme option values that aborted, trapped or ran away.
    static var extremeOptions: [Reproducer] {
        [
            Reproducer(failureClass: 4, name: "--layers 2,1000000000,3 (parameters of many GiB)",
                       prepare: train("--layers", "2,1000000000,3"), status: 1,
                       message: "--layers 2,1000000000,3: training (parameters, optimiser state"),
            Reproducer(failureClass: 4, name: "--layers 2,9223372036854775807,3 (overflowing sizes)",
                       prepare: train("--layers", "2,9223372036854775807,3"), status: 1, message: "more than 8 EiB"),
            Reproducer(failureClass: 4, name: "--batch-size 2^63-1 with mini-batch epochs (overflowing batch count)",
                       prepare: train("--batch-size", "9223372036854775807", "--epochs", "3"), status: 0, message: ""),
            Reproducer(failureClass: 4, name: "--iterations 2^63-1 (a reservation per planned iteration), stopped by SIGINT",
                       prepare: train("--iterations", "9223372036854775807"), status: 130,
                       message: "interrupted by SIGINT at iteration", timeout: 30, signal: (SIGINT, 1.5)),
            Reproducer(failureClass: 4, name: "--epochs 10^9 with mini-batches (16 GB reserved up front), stopped by SIGTERM",
                       prepare: train("--epochs", "1000000000", "--batch-size", "100"), status: 130,
                       message: "interrupted by SIGTERM at iteration", timeout: 30, signal: (SIGTERM, 1.5)),
            Reproducer(failureClass: 4, name: "--dropout 1e-300 (0 in float32: a precondition)",
                       prepare: train("--dropout", "1e-300"), status: 1, message: "--dropout 1e-300: expected a keep probability of at least 1.2e-38"),
            Reproducer(failureClass: 4, name: "--learning-rate 1e9 on spirals ends with a cost of 3e8 and exit 0",
                       prepare: train("--learning-rate", "1e9"), status: 5, message: "training diverged: the cost grew from"),
            Reproducer(failureClass: 4, name: "--learning-rate 1e9 on flower",
                       prepare: train("--data", "flower", "--learning-rate", "1e9"), status: 5, message: "training diverged: the cost grew"),
            Reproducer(failureClass: 4, name: "--learning-rate nan", prepare: train("--learning-rate", "nan"), status: 1,
                       message: "--learning-rate nan: expected a finite number above 0"),
        ]
    }

    /// Class 7: wrong exit statuses and messages (FIFOs, devices, /proc, negative values).
    static var wrongStatusOrMessage: [Reproducer] {
        [
            Reproducer(failureClass: 7, name: "inspect on a FIFO blocked forever",
                       prepare: { folder in try makeFIFO(folder, "pipe.h5"); return ["inspect", "pipe.h5"] },
                       status: 1, message: "pipe.h5: not a regular file (a FIFO)", timeout: 20),
            Reproducer(failureClass: 7, name: "train --data on a FIFO",
                       prepare: { folder in try makeFIFO(folder, "pipe.npz"); return ["train", "--data", "pipe.npz", "--no-save", "--no-plot"] },
                       status: 1, message: "--data pipe.npz: not a regular file (a FIFO)", timeout: 20),
            Reproducer(failureClass: 7, name: "train --data /dev/zero", prepare: train("--data", "/dev/zero"), status: 1,
                       message: "/dev/zero: not a regular file (a character device)"),
            Reproducer(failureClass: 7, name: "convert into /proc said \"No such file or directory\"",
                       prepare: { _ in ["convert", "spirals", "/proc/backprop-test.npz"] }, status: 4,
                       message: "a folder that takes no new files"),
            Reproducer(failureClass: 7, name: "--l2 -1 was \"Missing value\" (usage)", prepare: train("--l2", "-1"), status: 1,
                       message: "--l2 -1.0: expected a finite L2 strength, 0 or more"),
            Reproducer(failureClass: 7, name: "--seed -1 was \"Missing value\" (usage)", prepare: train("--seed", "-1"), status: 1,
                       message: "--seed -1: expected a whole number from 0 to 4294967295"),
            Reproducer(failureClass: 7, name: "--checkpoint-every -5 was \"Missing value\"", prepare: train("--checkpoint-every", "-5"),
                       status: 1, message: "--checkpoint-every -5: expected 1 or more"),
        ]
    }

    /// Class 8: file names that are not UTF-8 (the bytes go through `posix_spawn` unchanged).
    static var nonUTF8Names: [Reproducer] {
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".csv".utf8)   // Latin-1 "café.csv"
        return [
            Reproducer(failureClass: 8, name: "an existing Latin-1 file name was \"no such file\"",
                       prepare: { folder in
                           try createFile(folder, name, contents: "x,y\n1,0\n2,1\n")
                           return ["inspect", "PLACEHOLDER"]
                       },
                       status: 1, message: "argument 2 (caf\u{FFFD}.csv) is not valid UTF-8; rename the file", rawArguments: [1: name]),
            Reproducer(failureClass: 8, name: "--save with a Latin-1 name wrote another file and exited 0",
                       prepare: { _ in ["train", "--iterations", "2", "--no-plot", "--save", "PLACEHOLDER"] },
                       status: 1, message: "is not valid UTF-8", rawArguments: [5: Array("mod".utf8) + [0xE8, 0x6C, 0x65]]),
        ]
    }

    /// Class 9: a signal during training.
    static var signals: [Reproducer] {
        [
            Reproducer(failureClass: 9, name: "SIGINT during training killed the run without a word",
                       prepare: { _ in ["train", "--iterations", "100000000", "--no-plot", "--checkpoint-every", "1000000"] },
                       status: 130, message: "checkpoint written to backprop-checkpoint.safetensors", timeout: 30,
                       signal: (SIGINT, 1.5)),
        ]
    }

    /// Makes a FIFO `name` in `folder`.
    static func makeFIFO(_ folder: URL, _ name: String) throws {
        guard mkfifo(folder.appendingPathComponent(name).path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Writes `contents` to a file whose name is the raw bytes `name` (not necessarily UTF-8).
    static func createFile(_ folder: URL, _ name: [UInt8], contents: String) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }
}
