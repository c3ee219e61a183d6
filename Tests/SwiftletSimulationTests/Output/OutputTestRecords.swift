import SwiftletFederated
@testable import SwiftletSimulation

/// Hand-built simulation records whose totals are worked out by hand in the tests (all values are exact
/// in binary, so sums are exact).
///
/// - R0: the initial evaluation (round 0): loss 2.5, accuracy 0.1, no devices.
/// - R1: round 1, 0…100 s: node 1 accepted, node 2 straggler, node 3 offline; train loss 1.5; test 0.75 / 0.75.
/// - R2: round 2 attempt 1, failed, 100…150 s: node 4 rejected, node 5 battery depleted; nothing measured.
/// - R3: round 2 attempt 2, 150…3600 s: node 6 accepted, node 7 failed; train loss 0.5; test 0.875 / 0.625.
enum OutputTestRecords {
    static func device(_ node: UInt64, _ outcome: DeviceOutcome, down: Int, up: Int, air: Double,
                       compute: Double, downlink: Double, uplink: Double) -> DeviceRoundRecord {
        DeviceRoundRecord(node: NodeID(node), device: "phone", link: "wifi", outcome: outcome, downloadSeconds: 1,
                          computeSeconds: 2, uploadSeconds: 1, finishSeconds: 4, downloadBytes: down,
                          uploadBytes: up, bytesOnAir: air, flops: 1e6, computeEnergy: compute,
                          downlinkEnergy: downlink, uplinkEnergy: uplink, batteryLevel: outcome == .accepted ? 0.5 : nil)
    }

    static func round(_ number: Int, attempt: Int = 1, status: RoundRecord.Status = .completed, start: Double,
                      duration: Double, sampled: [NodeID], trainLoss: Double? = nil,
                      test: (loss: Double, accuracy: Double)? = nil) -> RoundRecord {
        var r = RoundRecord(round: number, attempt: attempt, status: status, startTime: start)
        r.duration = duration
        r.sampled = sampled
        if let trainLoss { r.fitMetrics = [MetricKey.loss: .double(trainLoss)] }
        if let test { r.centralEvaluation = Evaluation(loss: test.loss, metrics: [MetricKey.accuracy: .double(test.accuracy)]) }
        if status == .failed { r.failureReason = "too few results, \"0\" < 1" }
        return r
    }

    static let r0 = SimulationRecord(round: round(0, start: 0, duration: 0, sampled: [], test: (2.5, 0.1)), devices: [])

    static let r1 = SimulationRecord(
        round: round(1, start: 0, duration: 100, sampled: [1, 2, 3], trainLoss: 1.5, test: (0.75, 0.75)),
        devices: [device(1, .accepted, down: 1000, up: 500, air: 1600, compute: 2, downlink: 0.5, uplink: 1),
                  device(2, .straggler, down: 1000, up: 0, air: 1100, compute: 1, downlink: 0.5, uplink: 0.25),
                  device(3, .offline, down: 0, up: 0, air: 300, compute: 0, downlink: 0.25, uplink: 0)])

    static let r2 = SimulationRecord(
        round: round(2, status: .failed, start: 100, duration: 50, sampled: [4, 5]),
        devices: [device(4, .rejected, down: 1000, up: 500, air: 1600, compute: 2, downlink: 0.5, uplink: 1),
                  device(5, .batteryDepleted, down: 1000, up: 0, air: 1000, compute: 0.5, downlink: 0.5, uplink: 0)])

    static let r3 = SimulationRecord(
        round: round(2, attempt: 2, start: 150, duration: 3450, sampled: [6, 7], trainLoss: 0.5, test: (0.875, 0.625)),
        devices: [device(6, .accepted, down: 1000, up: 500, air: 1600, compute: 2, downlink: 0.5, uplink: 1),
                  device(7, .failed, down: 1000, up: 0, air: 1000, compute: 0.25, downlink: 0.5, uplink: 0)])

    static let all = SimulationHistory(records: [r0, r1, r2, r3])
}

/// Whether every element of `svg` is closed in order (self-closing tags count as closed).
func tagsAreBalanced(_ svg: String) -> Bool {
    var stack: [Substring] = []
    var rest = svg[...]
    while let open = rest.firstIndex(of: "<") {
        guard let close = rest[open...].firstIndex(of: ">") else { return false }
        let tag = rest[rest.index(after: open)..<close]
        rest = rest[rest.index(after: close)...]
        if tag.hasSuffix("/") { continue }
        let name = tag.prefix { !$0.isWhitespace }
        if name.hasPrefix("/") {
            guard stack.popLast() == name.dropFirst() else { return false }
        } else {
            stack.append(name)
        }
    }
    return stack.isEmpty
}
