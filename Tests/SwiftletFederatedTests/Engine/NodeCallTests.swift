import Testing
@testable import SwiftletFederated

/// Collects what `late` receives and opens a gate on the first call, so a test can wait for it.
private final class LateLog: Sendable {
    let results = LockedLog<Result<Int, any Error>>()
    let called = Gate()

    func record(_ result: Result<Int, any Error>) {
        results.append(result)
        called.open()
    }

    var count: Int { results.elements.count }
}

@Suite struct NodeCallTests {
    @Test func callThatFinishesFirstReturnsItsResult() async throws {
        let late = LateLog()
        let result = await NodeCall.run({ 42 }, late: late.record)
        #expect(try result?.get() == 42)
        #expect(late.count == 0)
    }

    @Test func callThatThrowsReturnsItsError() async {
        let result = await NodeCall.run({ () async throws -> Int in throw ClientFailure(description: "offline") },
                                        late: { _ in })
        #expect(throws: ClientFailure.self) { try result?.get() }
    }

    @Test func cancellingTheWaitingTaskReturnsNilAtOnceThoughTheCallNeverFinishes() async {
        let started = Gate()
        let never = Gate()
        let waiting = Task {
            await NodeCall.run({ () async -> Int in
                started.open()
                await never.wait()  // ignores cancellation, like a device that keeps computing
                return 1
            }, late: { _ in })
        }
        await started.wait()
        waiting.cancel()
        #expect(await waiting.value == nil)
        never.open()
    }

    @Test func taskCancelledBeforeTheCallReturnsNilWithoutWaiting() async {
        let never = Gate()
        let waiting = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await NodeCall.run({ () async -> Int in
                await never.wait()
                return 1
            }, late: { _ in })
        }
        #expect(await waiting.value == nil)
        never.open()
    }

    @Test func resultArrivingAfterCancellationGoesToLateExactlyOnce() async throws {
        let started = Gate()
        let release = Gate()
        let late = LateLog()
        let waiting = Task {
            await NodeCall.run({ () async -> Int in
                started.open()
                await release.wait()
                return 7
            }, late: late.record)
        }
        await started.wait()
        waiting.cancel()
        #expect(await waiting.value == nil)
        #expect(late.count == 0)
        release.open()
        await late.called.wait()
        #expect(late.count == 1)
        #expect(try late.results.elements[0].get() == 7)
    }

    @Test func cancellationIsPassedOnToTheCall() async {
        let clock = ManualClock()
        let late = LateLog()
        let waiting = Task {
            await NodeCall.run({ () async throws -> Int in
                try await clock.sleep(until: ManualClock.Instant(offset: .seconds(60)))
                return 1
            }, late: late.record)
        }
        await clock.waitForSleepers(1)
        waiting.cancel()
        #expect(await waiting.value == nil)
        // The call's sleep is cancelled, so it ends with CancellationError rather than never.
        await late.called.wait()
        #expect(throws: CancellationError.self) { try late.results.elements[0].get() }
    }
}
