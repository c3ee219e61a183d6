import Synchronization
@testable import SwiftletFederated

/// Test errors a client throws.
struct ClientFailure: Error, CustomStringConvertible {
    var description: String
}

/// A one-shot latch a test opens to let a waiting client answer. Waiting ignores cancellation on purpose:
/// it models a device that keeps computing after the server gave up on it.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { s in
                if s.open { return true }
                s.waiters.append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { s in
            s.open = true
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A client whose fit returns `global + offset` (each value) with a fixed example count, or misbehaves as told.
struct ScriptedClient: Client {
    enum Behaviour: Sendable {
        case offset(Float)
        case values([Float])
        case payload(UpdatePayload)
        case fails
    }

    var behaviour: Behaviour
    var exampleCount: Int = 10
    var metrics: MetricRecord = [:]
    var gate: Gate?
    var evaluation: EvaluateResult = EvaluateResult(loss: 1, exampleCount: 10)
    var advanceClock: (ManualClock, Duration)?
    var initial: ArrayRecord = ArrayRecord(flat: [0, 0])

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { initial }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        if let gate { await gate.wait() }
        if let (clock, duration) = advanceClock { clock.advance(by: duration) }
        switch behaviour {
        case .offset(let offset):
            let values = instruction.parameters.values.map { $0 + offset }
            return FitResult(parameters: try instruction.parameters.with(values: values), exampleCount: exampleCount, metrics: metrics)
        case .values(let values):
            return FitResult(payload: .arrays(ArrayRecord(flat: values)), exampleCount: exampleCount, metrics: metrics)
        case .payload(let payload):
            return FitResult(payload: payload, exampleCount: exampleCount, metrics: metrics)
        case .fails:
            throw ClientFailure(description: "device out of memory")
        }
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult {
        if case .fails = behaviour { throw ClientFailure(description: "device out of memory") }
        return evaluation
    }
}

/// Collects an engine's events in order.
actor EventLog {
    private(set) var events: [FederationEvent] = []
    private var waiters: [(predicate: @Sendable ([FederationEvent]) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

    func append(_ event: FederationEvent) {
        events.append(event)
        let ready = waiters.filter { $0.predicate(events) }
        waiters.removeAll { $0.predicate(events) }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Suspends until the events seen so far satisfy `predicate`.
    func wait(until predicate: @escaping @Sendable ([FederationEvent]) -> Bool) async {
        if predicate(events) { return }
        await withCheckedContinuation { waiters.append((predicate, $0)) }
    }

    /// Starts recording `stream`.
    nonisolated func record(_ stream: AsyncStream<FederationEvent>) -> Task<Void, Never> {
        Task { for await event in stream { await self.append(event) } }
    }
}

extension FederationEvent {
    var isAccepted: Bool { if case .resultAccepted = self { true } else { false } }
    var isReceived: Bool { if case .resultReceived = self { true } else { false } }
    var isLate: Bool { if case .resultLate = self { true } else { false } }
    var isWaiting: Bool { if case .waitingForNodes = self { true } else { false } }
    var isRoundFinished: Bool { if case .roundFinished = self { true } else { false } }
}

/// Options for a strategy over a two-value model starting at zero, with a fixed sampling policy.
func testOptions(minimum: Int = 2, fraction: Double = 1, minimumAvailable: Int = 2,
                 initial: [Float] = [0, 0]) -> StrategyOptions {
    StrategyOptions(fitSampling: SamplingPolicy(fraction: fraction, minimum: minimum, minimumAvailable: minimumAvailable),
                    evaluateSampling: SamplingPolicy(fraction: 1, minimum: 1, minimumAvailable: 1),
                    initialParameters: ArrayRecord(flat: initial))
}

/// A configuration that never waits on the wall clock in practice: deadlines are far away unless a test
/// uses a ``ManualClock`` and advances it.
func testConfig(rounds: Int = 1, onFailure: RoundFailurePolicy = .stop, ordering: ResultOrdering = .sampled,
                evaluateEvery: Int = 0, centralEvery: Int = 0) -> FederationConfig {
    FederationConfig(rounds: rounds, roundTimeout: .seconds(60), onFailure: onFailure, evaluateEvery: evaluateEvery,
                     centralEvaluateEvery: centralEvery, availabilityTimeout: .seconds(30), seed: 7,
                     ordering: ordering, pool: .serial)
}
