import Testing
@testable import SwiftletFederated

/// Clients that compress their updates: encoded payloads are decoded by the server's codec registry before
/// validation, and a codec the server does not know is refused, never guessed at.
@Suite struct CodecIntegrationTests {
    typealias Problem = FederatedProblem

    static func encoding(_ codec: any Codec, delta: Bool, nodes: ClosedRange<Int> = 1...10) -> [(NodeID, any Client)] {
        nodes.map { (NodeID(UInt64($0)), EncodingClient(inner: Problem.client(node: $0), codec: codec, isDelta: delta)) }
    }

    static func config(rounds: Int, registering codecs: [any Codec] = []) -> FederationConfig {
        var config = Problem.config(rounds: rounds)
        for codec in codecs { config.validator.codecs.register(codec) }
        return config
    }

    @Test func float32PayloadsGiveTheSameRunAsPlainArrays() async throws {
        let plain = try await Problem.run(FedAvg(options: Problem.options()), rounds: 3)
        let encoded = try await Problem.run(FedAvg(options: Problem.options()), rounds: 3,
                                            clients: Self.encoding(Float32Codec(), delta: false))
        #expect(encoded.parameters == plain.parameters)
        #expect(encoded.history == plain.history)
    }

    @Test func float32DeltasAreResolvedAgainstTheGlobalModel() async throws {
        let plain = try await Problem.run(FedAvg(options: Problem.options()), rounds: 3)
        let deltas = try await Problem.run(FedAvg(options: Problem.options()), rounds: 3,
                                           clients: Self.encoding(Float32Codec(), delta: true))
        // (y − x) + x rounds differently from y in the last bit only.
        let difference = zip(deltas.parameters.values, plain.parameters.values).map { abs($0 - $1) }.max()!
        #expect(difference < 1e-5)
        #expect(deltas.history.records.dropFirst().allSatisfy { $0.accepted.count == 10 && $0.rejected.isEmpty })
    }

    @Test func aRegisteredLossyCodecTrainsNearlyAsWellAsPlainArrays() async throws {
        let result = try await Problem.run(FedAvg(options: Problem.options()), rounds: 10,
                                           clients: Self.encoding(BFloat16Codec(), delta: true),
                                           config: Self.config(rounds: 10, registering: [BFloat16Codec()]))
        #expect(result.history.records.dropFirst().allSatisfy { $0.accepted.count == 10 })
        // Plain FedAvg reaches 0.848 after 10 rounds.
        #expect(try #require(Problem.centralAccuracy(result.history, round: 10)) >= 0.75)
    }

    @Test func anUnregisteredCodecIsRejectedAndTheRestTrain() async throws {
        let clients = Problem.honest(1...5) + Self.encoding(BFloat16Codec(), delta: true, nodes: 6...10)
        let mixed = try await Problem.run(FedAvg(options: Problem.options(minimum: 5)), rounds: 3, clients: clients)
        #expect(mixed.stopReason == .roundsCompleted(3))
        for record in mixed.history.records.dropFirst() {
            #expect(Set(record.accepted) == [1, 2, 3, 4, 5])
            #expect(Set(record.rejected.map(\.node)) == [6, 7, 8, 9, 10])
            #expect(record.rejected.allSatisfy { $0.reason == "unknown encoding 'bf16le'" })
        }
    }
}
