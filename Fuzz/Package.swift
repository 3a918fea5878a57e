// swift-tools-version: 6.0
//
// libFuzzer harnesses for every parser of Backprop: one executable per file format, each a
// single `LLVMFuzzerTestOneInput` entry point. A separate package so that the sanitizer flags
// never touch the main build. Build and run with `./run.sh` (see README.md); by hand:
//
//   swift build -c release -Xswiftc -sanitize=fuzzer,address
//   .build/release/FuzzPNG -max_total_time=60 CORPUS_FOLDER
//
// Each harness is `<Target>.swift` (the `LLVMFuzzerTestOneInput` function) plus a main.swift
// that hands it to libFuzzer's driver (CFuzzDriver explains why).
import Foundation
import PackageDescription

// A path dependency's identity is the name of its folder, which depends on where the
// repository is checked out; read it instead of assuming it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// The parser harnesses: each feeds its bytes to one reader.
let harnesses = [
    "FuzzHDF5", "FuzzInflate", "FuzzZip", "FuzzSafeTensors", "FuzzNpy", "FuzzCSV", "FuzzIDX", "FuzzPNG", "FuzzJPEG", "FuzzModelFile",
    "FuzzLZF", "FuzzScaleOffset", "FuzzNBit",
]
/// The command harnesses: each runs a command's whole path (data file or model + data file,
/// written to scratch files, through loading, checks and the network) under a small memory budget.
let commandHarnesses = ["FuzzTrainCommand", "FuzzInferenceCommand"]

let package = Package(
    name: "BackpropFuzz",
    dependencies: [.package(path: "..")],
    targets: [.target(name: "CFuzzDriver"), .target(name: "FuzzCommandSupport", dependencies: [.product(name: "Backprop", package: root)])] + harnesses.map { name in
        .executableTarget(name: name, dependencies: ["CFuzzDriver", .product(name: "Backprop", package: root)])
    } + commandHarnesses.map { name in
        .executableTarget(name: name, dependencies: ["CFuzzDriver", "FuzzCommandSupport"])
    },
    swiftLanguageModes: [.v6]
)
