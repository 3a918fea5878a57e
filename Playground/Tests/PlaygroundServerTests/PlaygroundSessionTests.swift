import Testing
@testable import PlaygroundServer

@Suite struct PlaygroundSessionTests {
    @Test func stepsPerSecondAreCappedByTheLimit() async throws {
        var limits = PlaygroundLimits()
        limits.maxStepsPerSecond = 50
        let session = try PlaygroundSession(id: "s", limits: limits)
        // The default asks for 1000 steps per second; the limit holds it to 50.
        #expect(await session.model.settings.stepsPerSecond == 50)
        for _ in 0..<10 { _ = await session.tick(seconds: 0.1) }
        #expect(await session.model.step == 50)
        let replies = await session.handle(#"{"type":"settings","settings":{"stepsPerSecond":51}}"#)
        #expect(replies.first?.contains("stepsPerSecond: expected a number in 1.0…50.0") == true)
    }

    @Test func framesWaitForTheSocket() async throws {
        let session = try PlaygroundSession(id: "s", limits: PlaygroundLimits())
        #expect(await session.tick(seconds: 0.03) != nil)
        #expect(await session.tick(seconds: 0.03) != nil)
        #expect(await session.tick(seconds: 0.03) == nil, "two frames unwritten: the third waits")
        await session.frameWritten()
        #expect(await session.tick(seconds: 0.03) != nil)
    }

    @Test func pausedSessionsSendOneFrameAfterAChange() async throws {
        let session = try PlaygroundSession(id: "s", limits: PlaygroundLimits())
        _ = await session.handle(#"{"type":"pause"}"#)
        #expect(await session.tick(seconds: 0.03) != nil)
        await session.frameWritten()
        #expect(await session.tick(seconds: 0.03) == nil)
        #expect(await session.model.step == 0)
    }

    @Test func theRegistryHoldsAtMostTheLimit() async throws {
        var limits = PlaygroundLimits()
        limits.maxSessions = 2
        let registry = SessionRegistry(limits: limits)
        let a = try await registry.open()
        _ = try await registry.open()
        await #expect(throws: PlaygroundError.self) { try await registry.open() }
        await registry.close(a.id)
        _ = try await registry.open()
        #expect(await registry.count == 2)
    }
}
