import ArgumentParser
import Foundation
import Hummingbird
import PlaygroundServer

/// `backprop-playground`: serves Backprop's playground on 127.0.0.1 and prints its URL.
@main
struct PlaygroundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop-playground",
        abstract: "Watch a small network learn in the browser, with the numbers of forward and backward propagation.")

    @Option(help: "The address to listen on (127.0.0.1: this machine only).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free one).")
    var port = 8080

    @Option(help: "Sessions (browser tabs) at once.")
    var maxSessions = PlaygroundLimits().maxSessions

    @Option(help: "Training steps per second and session, at most.")
    var maxStepsPerSecond = PlaygroundLimits().maxStepsPerSecond

    @Option(help: "Seconds without a message from the page before its session ends.")
    var idleSeconds = PlaygroundLimits().idleSeconds

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: expected 0…65535, found \(port)") }
        guard maxSessions >= 1 else { throw ValidationError("--max-sessions: expected 1 or more, found \(maxSessions)") }
        guard maxStepsPerSecond >= 1 else { throw ValidationError("--max-steps-per-second: expected 1 or more, found \(maxStepsPerSecond)") }
        guard idleSeconds.isFinite && idleSeconds >= 1 else { throw ValidationError("--idle-seconds: expected 1 or more, found \(idleSeconds)") }
    }

    func run() async throws {
        var limits = PlaygroundLimits()
        limits.maxSessions = maxSessions
        limits.maxStepsPerSecond = maxStepsPerSecond
        limits.idleSeconds = idleSeconds
        let app = PlaygroundApplication.make(PlaygroundConfiguration(host: host, port: port, limits: limits)) { url in
            FileHandle.standardOutput.write(Data("Backprop playground: \(url)\n".utf8))
        }
        do {
            try await app.runService()
        } catch {
            // Most often the port is taken: one error line and a hint, exit status 4 (I/O).
            FileHandle.standardError.write(Data("error: cannot serve on \(host):\(port): \(error)\nhint: choose another port with --port (0: any free one)\n".utf8))
            throw ExitCode(4)
        }
    }
}

