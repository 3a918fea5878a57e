// swift-tools-version: 6.1
//
// Backprop: deep neural networks from scratch, forward and backward propagation written by hand.
//
// Module graph (one-way):
//
//   BackpropIO (byte reader, atomic file writer, Image, MemoryBudget)
//   CBackpropKernels (C, runtime-dispatched SIMD kernels)
//        └── BackpropMatrix (Matrix<Scalar>, NumPy-identical random numbers)   ── also uses BackpropIO
//               └── BackpropNN (course functions, networks, optimisers)
//   BackpropIO
//        └── BackpropCompression (inflate/deflate, CRC-32, gzip, zip)
//               ├── BackpropHDF5 (pure-Swift HDF5 reader)     ── also uses BackpropMatrix
//               ├── BackpropFormats (npy/npz, CSV, IDX, PNG, JPEG, safetensors, datasets,
//               │                    streamed examples)   ── also uses BackpropNN
//               └── BackpropPlot (SVG / PNG charts)
//   Backprop (umbrella: re-exports everything above)
//   BackpropMPI (data-parallel training over Open MPI; only with the MPI trait)
//        └── COpenMPI (system library: pkg-config ompi-c, a shim for MPI's macros)
//   BackpropCLI (the `backprop` executable; parsing and printing only)
import PackageDescription

/// swift-docc-plugin, for `swift package generate-documentation` only, and only when
/// BACKPROP_DOCS is set (README, "Documentation"): no target uses it, but SwiftPM compiles every
/// plugin of the graph on `swift build` and `swift test` (about 15 s on 2 cores), so the default
/// build leaves it out.
let documentationDependencies: [Package.Dependency] = Context.environment["BACKPROP_DOCS"] == nil ? [] : [
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
]

let package = Package(
    name: "Backprop",
    products: [
        .library(name: "Backprop", targets: ["Backprop"]),
        .executable(name: "backprop", targets: ["BackpropCLI"]),
    ],
    // `swift build -c release --traits MPI`: `mpirun -np N backprop train …` trains data-parallel
    // (README, "Training on several processes"). Needs Open MPI (Debian: libopenmpi-dev,
    // openmpi-bin); the default build does not.
    traits: [
        .trait(name: "MPI", description: "Data-parallel training over Open MPI (pkg-config ompi-c)"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ] + documentationDependencies,
    targets: [
        .target(name: "CBackpropKernels"),
        .target(name: "BackpropMatrix", dependencies: ["CBackpropKernels", "BackpropIO"]),
        .target(name: "BackpropNN", dependencies: ["BackpropMatrix", "BackpropIO"]),
        .target(name: "BackpropIO"),
        .target(name: "BackpropCompression", dependencies: ["BackpropIO"]),
        .target(name: "BackpropHDF5", dependencies: ["BackpropIO", "BackpropCompression", "BackpropMatrix"]),
        .target(name: "BackpropFormats", dependencies: ["BackpropIO", "BackpropCompression", "BackpropMatrix", "BackpropNN", "BackpropHDF5"]),
        .target(name: "BackpropPlot", dependencies: ["BackpropIO", "BackpropCompression"]),
        .target(
            name: "Backprop",
            dependencies: ["BackpropMatrix", "BackpropNN", "BackpropCompression", "BackpropHDF5", "BackpropFormats", "BackpropPlot"]
        ),
        .systemLibrary(name: "COpenMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"]), .brew(["open-mpi"])]),
        .target(name: "BackpropMPI", dependencies: ["BackpropNN", .target(name: "COpenMPI", condition: .when(traits: ["MPI"]))]),
        .executableTarget(
            name: "BackpropCLI",
            dependencies: ["Backprop", .target(name: "BackpropMPI", condition: .when(traits: ["MPI"])),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Test-only helpers shared by the test targets (where the course data are, the fuzz
        // regression replays; python/reference.py for the Python fixture scripts); not part of any product.
        .target(name: "BackpropTestSupport", dependencies: ["BackpropNN"], path: "Tests/BackpropTestSupport", exclude: ["python"]),
        .testTarget(name: "BackpropMatrixTests", dependencies: ["BackpropMatrix"], exclude: ["Fixtures"]),
        .testTarget(name: "BackpropNNTests", dependencies: ["BackpropNN", "BackpropIO", "BackpropTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BackpropIOTests", dependencies: ["BackpropIO"]),
        .testTarget(name: "BackpropCompressionTests", dependencies: ["BackpropCompression", "BackpropTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BackpropHDF5Tests", dependencies: ["BackpropHDF5", "BackpropTestSupport"], exclude: ["Fixtures", "check_written_h5.py"]),
        .testTarget(name: "BackpropFormatsTests", dependencies: ["BackpropFormats", "BackpropMatrix", "BackpropCompression", "BackpropHDF5", "BackpropTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BackpropPlotTests", dependencies: ["BackpropPlot", "BackpropCompression"], exclude: ["check_png.py", "Fixtures"]),
        .testTarget(name: "BackpropTests", dependencies: ["Backprop", "BackpropTestSupport"], exclude: ["Fixtures"]),
        // The DocC articles' and tutorial's code, compiled and run (Tutorial/ links to the
        // tutorial's files in Sources/Backprop/Backprop.docc/Resources).
        .testTarget(name: "BackpropDocumentationTests", dependencies: ["Backprop", "BackpropTestSupport"]),
        .testTarget(name: "BackpropCLITests", dependencies: ["Backprop", "BackpropCLI", "BackpropTestSupport"], exclude: ["Fixtures", "check_safetensors.py"]),
    ],
    swiftLanguageModes: [.v6]
)
