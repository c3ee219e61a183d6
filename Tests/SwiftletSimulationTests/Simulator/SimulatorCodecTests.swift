import SwiftletFederated
import SwiftletNN
import SwiftletTensor
import Testing
@testable import SwiftletSimulation

/// Compressed codecs in the simulator: the links carry the encoded sizes, deltas go both ways, runs repeat.
@Suite struct SimulatorCodecTests {
    typealias T = SimulatorTestSetup

    /// The test model has 67 float32 parameters, 268 bytes.
    static let modelBytes = 67 * 4

    static func run(uplink: String = "f32le", downlink: String = "f32le", errorFeedback: Bool = false, rounds: Int = 3)
        async throws -> SimulationResult {
        var setup = T.setup(devices: (0..<8).map { T.device("d\($0)") }, rounds: rounds)
        setup.uplinkCodec = try CodecRegistry.codec(specification: uplink)
        setup.downlinkCodec = try CodecRegistry.codec(specification: downlink)
        setup.errorFeedback = errorFeedback
        return try await Simulator.run(T.fedAvg(), setup: setup)
    }

    @Test func compressedUpdatesAreAcceptedAndCarryTheirEncodedSize() async throws {
        let result = try await Self.run(uplink: "topk:0.1+u8")
        let rounds = result.records.filter { $0.round.round > 0 }
        #expect(rounds.allSatisfy { $0.round.status == .completed && $0.count(.accepted) == 4 })
        for device in rounds.flatMap(\.devices) {
            // 7 of 67 values: an 11-byte header, ~5 bytes of Rice-coded positions, one scale and 7 codes.
            #expect(device.uploadBytes > 10 + 4 + 7)
            #expect(device.uploadBytes < 30)
            #expect(device.downloadBytes == Self.modelBytes)
        }
    }

    @Test func compressedDownlinkSendsTheWholeModelOnlyOnFirstContact() async throws {
        let result = try await Self.run(downlink: "u8:256", rounds: 4)
        var seen = Set<NodeID>()
        // u8 of 67 values: 8-byte header, one scale, 67 codes.
        let delta = 8 + 4 + 67
        for record in result.records where record.round.round > 0 {
            for device in record.devices {
                #expect(device.downloadBytes == (seen.contains(device.node) ? delta : Self.modelBytes))
                seen.insert(device.node)
            }
        }
        #expect(result.records.filter { $0.round.round > 0 }.allSatisfy { $0.round.status == .completed })
    }

    @Test func sameSeedGivesTheSameRunWithStochasticCodecs() async throws {
        let a = try await Self.run(uplink: "randk:0.2+qsgd:4", downlink: "qsgd:8", errorFeedback: true)
        let b = try await Self.run(uplink: "randk:0.2+qsgd:4", downlink: "qsgd:8", errorFeedback: true)
        #expect(a.records == b.records)
        #expect(a.parameters == b.parameters)
    }

    @Test func compressedUplinkChangesTheModelDifferentlyFromFloat32() async throws {
        let plain = try await Self.run()
        let compressed = try await Self.run(uplink: "topk:0.1", errorFeedback: true)
        #expect(plain.parameters != compressed.parameters)
        let finite = compressed.parameters.values.allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test func lossless32BitDeltasMatchFloat32ParametersClosely() async throws {
        // f32 deltas lose nothing but the rounding of (trained − global) + global.
        let plain = try await Self.run()
        let deltas = try await Self.run(uplink: "f32")
        #expect(maxDifference(plain.parameters.values, deltas.parameters.values) < 1e-5)
    }

    func maxDifference(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) } }
}
