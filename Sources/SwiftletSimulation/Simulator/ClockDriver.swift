import SwiftletFederated

/// Moves a simulation's clock: once every in-flight device of a round is asleep, jump to the next arrival.
///
/// Fed the engine's events in order. At `roundStarted` it knows how many calls are in flight; each sleeps
/// once on the clock (see ``SimulatedDevice``), and the engine's deadline timer sleeps too. When
/// `inFlight + 1` tasks sleep, nothing can happen until time moves, so the driver advances to the earliest
/// deadline and waits for the answers of the devices it woke (`resultReceived`) before stepping again.
/// Reaching the round's deadline ends the stepping: the engine times out whoever is left. When the engine
/// waits for nodes to come online, the driver lets that wait time out on the simulated clock.
struct ClockDriver {
    let clock: ManualClock
    let roundTimeout: Duration
    private var inFlight = 0
    private var awaiting = 0
    private var stepping = false
    private var deadline: ManualClock.Instant?

    init(clock: ManualClock, roundTimeout: Duration) {
        self.clock = clock
        self.roundTimeout = roundTimeout
    }

    mutating func handle(_ event: FederationEvent) async {
        switch event {
        case .roundStarted(_, _, let nodes):
            inFlight = nodes.count
            awaiting = 0
            stepping = true
            deadline = clock.now.advanced(by: roundTimeout)
            await step()
        case .resultReceived:
            guard stepping else { return }
            inFlight -= 1
            awaiting -= 1
            if awaiting <= 0 { await step() }
        case .waitingForNodes:
            await clock.waitForSleepers(1)
            if let next = clock.nextDeadline { clock.advance(to: next) }
        case .roundFinished, .roundFailed, .finished:
            stepping = false
        default:
            return
        }
    }

    private mutating func step() async {
        guard stepping, inFlight > 0 else { return }
        await clock.waitForSleepers(inFlight + 1)
        guard let next = clock.nextDeadline else { return }
        if let deadline, next >= deadline {
            stepping = false
            clock.advance(to: next)
            return
        }
        awaiting = clock.advance(to: next)
    }
}
