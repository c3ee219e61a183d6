import Testing
@testable import SwiftletFederated

@Suite struct ManualClockTests {
    static func at(_ seconds: Int64) -> ManualClock.Instant { ManualClock.Instant(offset: .seconds(seconds)) }

    @Test func clockStartsAtItsOriginAndMovesOnlyWhenAdvanced() {
        let clock = ManualClock()
        #expect(clock.now == Self.at(0))
        clock.advance(by: .seconds(5))
        clock.advance(by: .milliseconds(250))
        #expect(clock.now == ManualClock.Instant(offset: .milliseconds(5250)))
    }

    @Test func instantArithmeticIsOffsetArithmetic() {
        #expect(Self.at(2).advanced(by: .seconds(3)) == Self.at(5))
        #expect(Self.at(2).duration(to: Self.at(7)) == .seconds(5))
        #expect(Self.at(2) < Self.at(3))
    }

    @Test func sleeperWithAPastDeadlineReturnsAtOnce() async throws {
        let clock = ManualClock()
        clock.advance(by: .seconds(10))
        try await clock.sleep(until: Self.at(3))
        try await clock.sleep(until: Self.at(10))
        #expect(clock.sleeperCount == 0)
        #expect(clock.now == Self.at(10))
    }

    @Test func sleeperStaysAsleepUntilItsDeadlineIsReached() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(until: Self.at(10)) }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        #expect(clock.sleeperCount == 0)
        try await sleeper.value
    }

    @Test func sleepersDueInOneAdvanceWakeInDeadlineOrder() async throws {
        let clock = ManualClock()
        let executor = QueueExecutor()
        let woken = LockedLog<Int64>()
        let sleepers = [3, 1, 2].map { (seconds: Int64) in
            Task(executorPreference: executor) {
                try await clock.sleep(until: Self.at(seconds))
                woken.append(seconds)
            }
        }
        executor.drain()
        #expect(clock.sleeperCount == 3)
        clock.advance(by: .seconds(5))
        executor.drain()
        #expect(woken.elements == [1, 2, 3])
        for sleeper in sleepers { try await sleeper.value }
    }

    @Test func sleepersWithEqualDeadlinesWakeInTheOrderTheySlept() async throws {
        let clock = ManualClock()
        let executor = QueueExecutor()
        let woken = LockedLog<Int>()
        var sleepers: [Task<Void, any Error>] = []
        for index in 0..<3 {
            sleepers.append(Task(executorPreference: executor) {
                try await clock.sleep(until: Self.at(4))
                woken.append(index)
            })
            executor.drain()
        }
        clock.advance(by: .seconds(4))
        executor.drain()
        #expect(woken.elements == [0, 1, 2])
        for sleeper in sleepers { try await sleeper.value }
    }

    @Test func advancingPastOneOfTwoDeadlinesWakesOnlyThatSleeper() async throws {
        let clock = ManualClock()
        let early = Task { try await clock.sleep(until: Self.at(1)) }
        let late = Task { try await clock.sleep(until: Self.at(60)) }
        await clock.waitForSleepers(2)
        clock.advance(by: .seconds(2))
        try await early.value
        #expect(clock.sleeperCount == 1)
        late.cancel()
        _ = await late.result
    }

    @Test func nextDeadlineIsTheEarliestSleepersAndNilWhenNoneSleeps() async throws {
        let clock = ManualClock()
        #expect(clock.nextDeadline == nil)
        let late = Task { try await clock.sleep(until: Self.at(60)) }
        let early = Task { try await clock.sleep(until: Self.at(7)) }
        await clock.waitForSleepers(2)
        #expect(clock.nextDeadline == Self.at(7))
        late.cancel()
        early.cancel()
        _ = await late.result
        _ = await early.result
        #expect(clock.nextDeadline == nil)
    }

    @Test func advancingToAnInstantWakesTheDueSleepersAndCountsThem() async throws {
        let clock = ManualClock()
        let sleepers = [5, 5, 9].map { (seconds: Int64) in Task { try await clock.sleep(until: Self.at(seconds)) } }
        await clock.waitForSleepers(3)
        #expect(clock.advance(to: Self.at(5)) == 2)
        #expect(clock.now == Self.at(5))
        #expect(clock.sleeperCount == 1)
        #expect(clock.advance(to: Self.at(3)) == 0)
        #expect(clock.now == Self.at(5))
        #expect(clock.advance(to: Self.at(9)) == 1)
        for sleeper in sleepers { try await sleeper.value }
    }

    @Test func cancellingASleepingTaskThrowsCancellationErrorWithoutAdvancing() async {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(until: Self.at(60)) }
        await clock.waitForSleepers(1)
        sleeper.cancel()
        let result = await sleeper.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.sleeperCount == 0)
        #expect(clock.now == Self.at(0))
    }

    @Test func taskCancelledBeforeItSleepsThrowsCancellationErrorAtOnce() async {
        let clock = ManualClock()
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(until: Self.at(60))
        }
        let result = await sleeper.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellationArrivingAfterTheWakeUpIsIgnoredAndForgotten() async throws {
        let clock = ManualClock()
        let executor = QueueExecutor()
        let sleeper = Task(executorPreference: executor) { try await clock.sleep(until: Self.at(1)) }
        executor.drain()
        clock.advance(by: .seconds(1))  // resumed; the task has not run yet, so its handler is still installed
        sleeper.cancel()                // the handler finds no sleeper
        executor.drain()
        try await sleeper.value         // the wake-up came first and stands
        #expect(clock.pendingCancellationCount == 0)
    }

    @Test func cancelledSleeperDoesNotDisturbTheOthers() async throws {
        let clock = ManualClock()
        let cancelled = Task { try await clock.sleep(until: Self.at(5)) }
        let kept = Task { try await clock.sleep(until: Self.at(5)) }
        await clock.waitForSleepers(2)
        cancelled.cancel()
        _ = await cancelled.result
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(5))
        try await kept.value
    }

    @Test func waitForSleepersReturnsOnlyOnceEnoughTasksSleep() async throws {
        let clock = ManualClock()
        let executor = QueueExecutor()
        let returned = LockedLog<Bool>()
        let waiter = Task(executorPreference: executor) {
            await clock.waitForSleepers(2)
            returned.append(true)
        }
        executor.drain()
        let first = Task(executorPreference: executor) { try await clock.sleep(until: Self.at(1)) }
        executor.drain()
        #expect(returned.elements.isEmpty)
        let second = Task(executorPreference: executor) { try await clock.sleep(until: Self.at(1)) }
        executor.drain()
        #expect(returned.elements == [true])
        await waiter.value
        clock.advance(by: .seconds(1))
        executor.drain()
        try await first.value
        try await second.value
    }

    @Test func waitForSleepersReturnsAtOnceWhenEnoughAlreadySleep() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(until: Self.at(1)) }
        await clock.waitForSleepers(1)
        await clock.waitForSleepers(1)
        await clock.waitForSleepers(0)
        clock.advance(by: .seconds(1))
        try await sleeper.value
    }
}
