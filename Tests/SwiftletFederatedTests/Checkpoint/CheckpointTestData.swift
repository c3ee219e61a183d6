@testable import SwiftletFederated

/// A checkpoint exercising every field: two arrays, every kind of state entry, awkward doubles in the history.
enum CheckpointTestData {
    static var parameters: ArrayRecord {
        try! ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [2, 2]), ArraySpec(name: "fc.bias", shape: [2])],
                         values: [1.5, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -3.25, 0.1])
    }

    static var history: History {
        var initial = RoundRecord(round: 0)
        initial.centralEvaluation = Evaluation(loss: 0.1 + 0.2, metrics: ["accuracy": .double(1.0 / 3.0)])
        var first = HistoryTestData.first
        first.startTime = Double.leastNonzeroMagnitude
        first.fitMetrics = ["loss": .double(0.30000000000000004), "steps": .int(12), "per-class": .doubles([0.1, 1e300])]
        var retried = HistoryTestData.second
        retried.round = 2
        retried.centralEvaluation = Evaluation(loss: 2.5)
        var second = RoundRecord(round: 2, attempt: 3, startTime: 62.5)
        second.accepted = [1, 2]
        second.duration = 1.0 / 7.0
        return History(records: [initial, first, retried, second])
    }

    static var state: StrategyState {
        StrategyState(arrays: ["first-moment": ArrayRecord(flat: [1, 2, 3, 4, 5, 6], name: "first-moment"),
                               "second-moment": ArrayRecord(flat: [0, 0.5, 1e-30, 7, 8, 9], name: "second-moment")],
                      doubles: ["learning-rate": 0.1, "tiny": -Double.leastNonzeroMagnitude],
                      ints: ["steps": 2, "most-negative": Int.min])
    }

    static var checkpoint: EngineCheckpoint {
        EngineCheckpoint(round: 2, attempt: 3, elapsed: .seconds(62) + .nanoseconds(642_857_142), strategy: "FedAdam",
                         parameters: parameters, history: history, strategyState: state)
    }

    /// `bytes` with the trailing CRC-32 recomputed, so a test reaches the field check behind the checksum.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var body = Array(bytes.dropLast(4))
        let crc = CRC32.checksum(body)
        withUnsafeBytes(of: crc.littleEndian) { body += $0 }
        return body
    }

    /// `bytes` with `value` written little-endian at `offset`, resealed.
    static func patched<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int, _ value: T) -> [UInt8] {
        var copy = bytes
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (i, byte) in raw.enumerated() { copy[offset + i] = byte }
        }
        return resealed(copy)
    }

    /// Offsets of the payload's fixed fields in an encoded checkpoint.
    static let payloadSizeOffset = 12
    static let roundOffset = EngineCheckpoint.headerSize
    static let attemptOffset = roundOffset + 8
    static let strategyOffset = roundOffset + 32
    /// Where the first parameter value starts in ``checkpoint``'s encoding: after the strategy name
    /// ("FedAdam"), two specs (name, rank, dimensions) and the value count.
    static let firstValueOffset = strategyOffset + 4 + 7 + 4 + (4 + 9 + 4 + 16) + (4 + 7 + 4 + 8) + 8
}
