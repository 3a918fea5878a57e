// swift-tools-version: 6.0
//
// Backprop's playground: a small network learning in the browser, computed by Backprop's own
// engine on a local Hummingbird server, with the course's caches of forward and backward
// propagation shown for any example. A separate package so that the main build never depends
// on a web server.
//
//   cd Playground && swift run -c release backprop-playground           # prints http://127.0.0.1:8080/
//   swift run -c release backprop-playground --port 9000 --host 0.0.0.0
//   swift test -j 1                                                      # the server tests
//   python3 e2e/playground_e2e.py                                        # the browser test (README.md)
import Foundation
import PackageDescription

// A path dependency's identity is the name of its folder, which depends on where the
// repository is checked out; read it instead of assuming it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "BackpropPlayground",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        // The tests' own WebSocket reader (SocketTestSupport.swift) sits on NIO's plain TCP channel.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // Sessions, messages, the HTTP routes and the WebSocket channel; the page in Resources/.
        .target(
            name: "PlaygroundServer",
            dependencies: [
                .product(name: "Backprop", package: root),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")]
        ),
        // The executable: options, then the server.
        .executableTarget(
            name: "backprop-playground",
            dependencies: ["PlaygroundServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "PlaygroundServerTests",
            dependencies: [
                "PlaygroundServer",
                .product(name: "Backprop", package: root),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
