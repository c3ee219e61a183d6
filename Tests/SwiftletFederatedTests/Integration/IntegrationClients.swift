import SwiftletTensor
@testable import SwiftletFederated

/// A Byzantine node: every fit returns finite but huge parameters, each coordinate ±`magnitude` with a sign
/// drawn from the node and round, and claims a plausible example count so FedAvg weighs it like anyone else.
struct ByzantineClient: Client {
    var node: UInt64
    var magnitude: Float = 1e4
    var exampleCount = 60

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { FederatedProblem.initialParameters }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        var generator = SeededGenerator(seed: node).split(stream: UInt64(instruction.round))
        let values = instruction.parameters.values.map { _ in generator.nextInt(below: 2) == 0 ? -magnitude : magnitude }
        return FitResult(parameters: try instruction.parameters.with(values: values), exampleCount: exampleCount,
                         metrics: [MetricKey.loss: 0.01, MetricKey.accuracy: 1.0])
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult {
        EvaluateResult(loss: 0.01, exampleCount: exampleCount, metrics: [MetricKey.accuracy: 1.0])
    }
}

/// A node that trains honestly, then tampers with its result before sending it.
struct TamperingClient: Client {
    enum Tampering: Sendable {
        /// One parameter becomes NaN.
        case nan(index: Int)
        /// The example count becomes this (FedAvg would give the node all the weight).
        case claims(examples: Int)
        /// The values are sent under another layout of the same length (one flat array).
        case flatLayout
    }

    var inner: ModelClient
    var tampering: Tampering

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { await inner.parameters(config: config) }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        var result = try await inner.fit(instruction)
        guard case .arrays(let trained) = result.payload else { return result }
        switch tampering {
        case .nan(let index):
            var values = trained.values
            values[index] = .nan
            result.payload = .arrays(try trained.with(values: values))
        case .claims(let examples):
            result.exampleCount = examples
        case .flatLayout:
            result.payload = .arrays(ArrayRecord(flat: trained.values, name: "weights"))
        }
        return result
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult { try await inner.evaluate(instruction) }
}

/// A node whose device drops out of every even-numbered round: its fit throws there.
struct FlakyClient: Client {
    var inner: ModelClient

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { await inner.parameters(config: config) }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        if instruction.round % 2 == 0 { throw ClientFailure(description: "connection lost in round \(instruction.round)") }
        return try await inner.fit(instruction)
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult { try await inner.evaluate(instruction) }
}

/// A client that runs `beforeFit` (advance a clock, change the registry, …) at the start of every fit.
///
/// The hook runs while the engine awaits the round's results, so what it does to the engine lands at a
/// deterministic point: after the round's sample was drawn, before the next round's.
struct HookedClient: Client {
    var inner: any Client
    var beforeFit: @Sendable (_ round: Int) async -> Void

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { try await inner.parameters(config: config) }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        await beforeFit(instruction.round)
        return try await inner.fit(instruction)
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult { try await inner.evaluate(instruction) }
}

/// A node that compresses its update: trains honestly, then sends the parameters (or their change from the
/// global model) through `codec`.
struct EncodingClient: Client {
    var inner: ModelClient
    var codec: any Codec
    var isDelta: Bool

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { await inner.parameters(config: config) }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        var result = try await inner.fit(instruction)
        guard case .arrays(let trained) = result.payload else { return result }
        var values = trained.values
        if isDelta { for i in values.indices { values[i] -= instruction.parameters.values[i] } }
        let bytes = values.withUnsafeBufferPointer { codec.encode($0) }
        result.payload = .encoded(EncodedArrays(codec: codec.identifier, bytes: bytes, isDelta: isDelta))
        return result
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult { try await inner.evaluate(instruction) }
}

/// bfloat16: the top 16 bits of each float32, rounded to nearest even — half the bytes, 8 bits of mantissa.
struct BFloat16Codec: Codec {
    let identifier = "bf16le"

    func encode(_ values: UnsafeBufferPointer<Float>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 2)
        for value in values {
            let bits = value.bitPattern
            let rounded = UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
            bytes.append(UInt8(truncatingIfNeeded: rounded))
            bytes.append(UInt8(truncatingIfNeeded: rounded >> 8))
        }
        return bytes
    }

    func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float] {
        guard bytes.count == 2 * count else { throw .lengthMismatch(codec: identifier, expected: 2 * count, actual: bytes.count) }
        return (0..<count).map { i in Float(bitPattern: (UInt32(bytes[2 * i]) | UInt32(bytes[2 * i + 1]) << 8) << 16) }
    }
}

/// A client that ignores what the strategy asks and returns its own training as plain FedAvg would.
struct PlainClient: Client {
    var inner: ModelClient

    func parameters(config: ConfigRecord) async throws -> ArrayRecord { await inner.parameters(config: config) }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        // Drop the strategy-specific keys so only plain local training runs.
        var plain = instruction
        plain.config = ConfigRecord(instruction.config.entries.filter {
            $0.key != FitConfigKey.scaffold && $0.key != FitConfigKey.reportInitialLoss
        })
        plain.auxiliary = [:]
        return try await inner.fit(plain)
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult { try await inner.evaluate(instruction) }
}
