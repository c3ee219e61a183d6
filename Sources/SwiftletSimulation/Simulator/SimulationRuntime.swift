import Synchronization
import SwiftletFederated
import SwiftletNN
import SwiftletTensor

/// What a simulation's devices share: the simulated clock, the round being played, the cost model, the
/// batteries and the ledger of what every device did.
///
/// A class for identity — every ``SimulatedDevice`` holds the same one — with its mutable state behind a
/// mutex. Each device writes only its own entries, and everything it reads is fixed before the round's
/// devices start, so the ledger's contents never depend on scheduling.
final class SimulationRuntime: Sendable {
    /// The clock the engine and the devices sleep on.
    let clock: ManualClock
    /// Seconds from a round's start to its deadline.
    let deadline: Double
    /// Seeds link losses and availability draws.
    let seed: UInt64
    let uplinkCodec: any Codec
    let downlinkCodec: any Codec
    /// Whether devices keep an error-feedback residual for the uplink codec.
    let errorFeedback: Bool
    /// Per-device models received and residuals, for compressed codecs.
    let codecMemory = DeviceCodecMemory()
    let energies: OperationEnergy

    /// A round attempt.
    struct Attempt: Hashable, Sendable {
        var round: Int
        var attempt: Int
    }

    private struct Sizes {
        var download: Int
        var auxiliaryDownload: Int
        var upload: Int
    }

    private struct State {
        var current = Attempt(round: 0, attempt: 0)
        var sizes: [Attempt: Sizes] = [:]
        var batteries: [NodeID: Battery] = [:]
        var ledger: [Attempt: [NodeID: DeviceRoundRecord]] = [:]
        var costs: [Int: ComputeCost] = [:]
        var memory: [Int: Int] = [:]
    }

    private let state: Mutex<State>
    /// The architecture, for FLOPs, memory traffic and peak memory per batch size; only touched under the lock.
    private let costModel: Mutex<Sequential>

    init(clock: ManualClock, deadline: Double, seed: UInt64, uplinkCodec: any Codec, downlinkCodec: any Codec,
         errorFeedback: Bool = false, energies: OperationEnergy, costModel: sending Sequential, batteries: [NodeID: Battery]) {
        self.clock = clock
        self.deadline = deadline
        self.seed = seed
        self.uplinkCodec = uplinkCodec
        self.downlinkCodec = downlinkCodec
        self.errorFeedback = errorFeedback
        self.energies = energies
        self.costModel = Mutex(costModel)
        var initial = State()
        initial.batteries = batteries
        state = Mutex(initial)
    }

    /// The round attempt being played.
    var current: Attempt {
        get { state.withLock { $0.current } }
        set { state.withLock { $0.current = newValue } }
    }

    /// Seconds of simulated time since the run started.
    var seconds: Double { Self.seconds(clock.now.offset) }

    static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) * 1e-18
    }

    /// The encoded sizes of the global model as sent whole (downlink codec), of its auxiliary arrays alone,
    /// and of a model-sized update (uplink codec: a plan — the real update's size replaces it once known),
    /// computed once per round attempt.
    func encodedSizes(of parameters: ArrayRecord, auxiliary: [String: ArrayRecord], for attempt: Attempt)
        -> (download: Int, auxiliaryDownload: Int, upload: Int) {
        state.withLock { state in
            if let sizes = state.sizes[attempt] { return (sizes.download, sizes.auxiliaryDownload, sizes.upload) }
            var auxiliaryDownload = 0
            for array in auxiliary.values { auxiliaryDownload += array.values.withUnsafeBufferPointer { downlinkCodec.encode($0).count } }
            let download = auxiliaryDownload + parameters.values.withUnsafeBufferPointer { downlinkCodec.encode($0).count }
            let upload = parameters.values.withUnsafeBufferPointer { uplinkCodec.encode($0).count }
            state.sizes = [attempt: Sizes(download: download, auxiliaryDownload: auxiliaryDownload, upload: upload)]
            return (download, auxiliaryDownload, upload)
        }
    }

    /// The cost of training on `samples` samples as `plan` says: exact per mini-batch, the last partial
    /// batch included.
    func trainingCost(samples: Int, plan: LocalTrainingPlan) -> ComputeCost {
        let batch = plan.batchSize
        if let steps = plan.steps { return cost(batchSize: batch) * steps }
        var epoch = cost(batchSize: batch) * (samples / batch)
        if samples % batch > 0 { epoch += cost(batchSize: samples % batch) }
        return epoch * plan.epochs
    }

    /// Peak training memory at `batchSize`, bytes.
    func peakMemory(batchSize: Int) -> Int {
        if let cached = state.withLock({ $0.memory[batchSize] }) { return cached }
        let peak = costModel.withLock { $0.memoryReport(batchSize: batchSize).peak }
        state.withLock { $0.memory[batchSize] = peak }
        return peak
    }

    private func cost(batchSize: Int) -> ComputeCost {
        if let cached = state.withLock({ $0.costs[batchSize] }) { return cached }
        let cost = costModel.withLock { $0.trainingCost(batchSize: batchSize).total }
        state.withLock { $0.costs[batchSize] = cost }
        return cost
    }

    /// Joules left in `node`'s battery, or `nil` when it is mains powered.
    func batteryJoules(_ node: NodeID) -> Double? { state.withLock { $0.batteries[node]?.level } }

    /// Whether `node`'s battery is empty (never for mains power).
    func isDepleted(_ node: NodeID) -> Bool { state.withLock { $0.batteries[node]?.isDepleted ?? false } }

    /// Records what `node` did in `attempt` and drains what it spent from its battery; returns the
    /// battery's level afterwards as a fraction.
    @discardableResult
    func record(_ record: DeviceRoundRecord, for attempt: Attempt) -> DeviceRoundRecord {
        state.withLock { state in
            var record = record
            if var battery = state.batteries[record.node] {
                // A device stopped by its battery spent exactly what was left; rounding must not revive it.
                _ = battery.drain(record.outcome == .batteryDepleted ? battery.level : record.totalEnergy)
                state.batteries[record.node] = battery
                record.batteryLevel = battery.fraction
            }
            state.ledger[attempt, default: [:]][record.node] = record
            return record
        }
    }

    /// Takes the ledger of `attempt` out of the runtime.
    func takeLedger(_ attempt: Attempt) -> [NodeID: DeviceRoundRecord] {
        state.withLock { $0.ledger.removeValue(forKey: attempt) ?? [:] }
    }
}
