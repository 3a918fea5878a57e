// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "CatClassifier",
    dependencies: [
        .package(path: "../Backprop"),   // the folder of your Backprop checkout
    ],
    targets: [
        .executableTarget(
            name: "CatClassifier",
            dependencies: [.product(name: "Backprop", package: "Backprop")]
        ),
    ]
)
