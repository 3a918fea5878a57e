import Backprop
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PlaygroundServer

/// Each test a minute at most (see PlaygroundSocketTests).
@Suite(.timeLimit(.minutes(1))) struct PlaygroundApplicationTests {
    @Test func servesThePageItsScriptAndStyle() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("<title>Backprop playground</title>") && html.contains("/playground.js"))
                #expect(!html.contains("http://") && !html.contains("https://"), "the page loads nothing from elsewhere")
            }
            try await client.execute(uri: "/playground.js", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("new WebSocket"))
                #expect(!String(buffer: response.body).contains("https://"))
            }
            try await client.execute(uri: "/playground.css", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/nothing.js", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func infoNamesTheLimitsAndChoices() async throws {
        var limits = PlaygroundLimits()
        limits.maxSessions = 3
        try await testApplication(limits).test(.router) { client in
            try await client.execute(uri: "/api/info", method: .get) { response in
                #expect(response.status == .ok)
                let info = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect((info["limits"] as? [String: Any])?["maxSessions"] as? Int == 3)
                #expect((info["dataSets"] as? [String])?.count == 8)
                #expect(info["features"] as? [String] == ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"])
            }
        }
    }

    @Test func downloadsOfAnUnknownSessionAreNotFound() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/api/sessions/nobody/model.safetensors", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("no session \\\"nobody\\\" runs"))
            }
        }
    }

    @Test func downloadsTheModelAndDataOfARunningSession() async throws {
        let registry = SessionRegistry(limits: PlaygroundLimits())
        let session = try await registry.open()
        try await testApplication(registry: registry).test(.router) { client in
            try await client.execute(uri: "/api/sessions/\(session.id)/model.safetensors", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"playground-model.safetensors\"")
                let saved = try ModelFile.decode(SafeTensorsFile(bytes: Array(buffer: response.body)), file: "download")
                #expect(saved.architecture.layerDims == [2, 8, 8, 2])
                #expect(saved.info.training["playground_data"] == "spirals")
            }
            try await client.execute(uri: "/api/sessions/\(session.id)/test.csv", method: .get) { response in
                let lines = String(buffer: response.body).split(separator: "\n")
                #expect(lines.first == "x1,x2,label" && lines.count == 201)
            }
            try await client.execute(uri: "/api/sessions/\(session.id)/weights.bin", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
