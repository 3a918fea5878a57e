// swift-tools-version: 6.0
//
// Backprop's benchmarks, a separate package so the library never depends on them.
//
//   cd Benchmarks && swift run -c release backprop-bench            # GEMM, 1 and 2 threads, vs NumPy
//   swift run -c release backprop-bench --help
import PackageDescription

let package = Package(
    name: "BackpropBenchmarks",
    dependencies: [
        .package(name: "Backprop", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "backprop-bench",
            dependencies: [.product(name: "Backprop", package: "Backprop")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
