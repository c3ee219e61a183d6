import Synchronization
import SwiftletFederated
import SwiftletFleetProtocol
import SwiftletTensor

/// The server's side of compressed downlinks: per node, the model the node holds, and the train instruction
/// content that brings it to the global model.
///
/// A node the server knows nothing about — first contact, a node that answered
/// ``DownlinkInstruction/baseMissingErrorCode``, a model of another size — is sent the whole model; any
/// other is sent `global − held` through the downlink codec (``SwiftletFederated/DeltaCoding``), which it
/// adds to what it holds. Both ends decode the same bytes, so the server knows exactly what the node then
/// holds, and the next delta makes up for this round's rounding: the downlink carries its own error
/// feedback (Tang et al., "DoubleSqueeze", ICML 2019). The server takes that model as the node's next base
/// only when the node's reply names it (``DownlinkInstruction/held(in:)``); until then the node keeps the
/// one before too, so a lost reply costs nothing.
///
/// What each node holds is durable in the store (one copy per distinct model, ``FleetStore/saveNodeModel(_:run:node:)``),
/// so a restarted server goes on sending deltas. Codec draws are seeded by (run, round, base digest): nodes
/// holding the same base get the same bytes, and the content is built once for all of them.
final class DownlinkCoder: Sendable {
    /// The codec specification, as the instruction names it.
    let specification: String
    let codec: any Codec
    let service: FleetService
    let run: UInt64
    private let state = Mutex(State())

    /// What an instruction carries for one base, and the model it brings the node to.
    struct Prepared: Sendable {
        var content: DeflatedContent
        var model: ModelDigest
        var values: [Float]
        /// Whether the content is a delta (rather than the whole model).
        var isDelta: Bool
    }

    fileprivate struct State {
        /// Each node's model digest, once read from the store (`nil`: it holds none the server knows of).
        var nodes: [UInt64: ModelDigest?] = [:]
        /// The values of every model some node holds, with the number of nodes holding it.
        var models: [ModelDigest: (values: [Float], holders: Int)] = [:]
        /// The instruction the prepared contents were built for, and the contents by base (`nil`: whole model).
        var instruction: FitInstruction?
        var prepared: [ModelDigest?: Prepared] = [:]
    }

    /// A coder for `run` with the codec `specification` names.
    /// - Throws: the specification's ``SwiftletFederated/CodecError``.
    init(specification: String, service: FleetService, run: UInt64) throws(CodecError) {
        self.specification = specification
        codec = try CodecRegistry.codec(specification: specification)
        self.service = service
        self.run = run
    }

    /// The content of `instruction` for `node`: the delta against what it holds, or the whole model.
    func prepare(_ instruction: FitInstruction, node: UInt64, encoding: ArrayEncoding) async throws -> Prepared {
        let base = try await held(by: node)
        let global = instruction.parameters.values
        let usable = base.flatMap { digest in state.withLock { $0.models[digest]?.values }.map { (digest, $0) } }
            .flatMap { $0.1.count == global.count ? $0 : nil }
        let key = usable?.0
        if let cached = state.withLock({ s in s.instruction == instruction ? s.prepared[key] : nil }) { return cached }
        var content = try FleetContentMapping.content(instruction, encoding: encoding)
        let prepared: Prepared
        if let (digest, values) = usable {
            var seeds = SeededGenerator(seed: run).split(stream: UInt64(truncatingIfNeeded: instruction.round)).split(stream: digest.seed)
            let delta = try DeltaCoding.encodeDelta(target: global, base: values, codec: codec, seed: seeds.next())
            let model = ModelDigest(of: delta.model)
            DownlinkInstruction(codec: specification, base: digest, model: model)
                .write(into: &content, delta: EncodedArrays(codec: codec.identifier, bytes: delta.bytes, isDelta: true))
            prepared = Prepared(content: try FleetMessage.deflateContent(content), model: model, values: delta.model, isDelta: true)
        } else {
            let model = ModelDigest(of: global)
            DownlinkInstruction(codec: specification, base: nil, model: model).write(into: &content, delta: nil)
            prepared = Prepared(content: try FleetMessage.deflateContent(content), model: model, values: global, isDelta: false)
        }
        state.withLock { s in
            if s.instruction != instruction {
                s.instruction = instruction
                s.prepared = [:]
            }
            s.prepared[key] = prepared
        }
        return prepared
    }

    /// Takes `prepared`'s model as what `node` holds when its reply `content` names it; otherwise leaves
    /// the node's base as it was.
    func acknowledge(_ prepared: Prepared, reply content: RecordDict, node: UInt64) async throws {
        guard DownlinkInstruction.held(in: content) == prepared.model else { return }
        guard try await held(by: node) != prepared.model else { return }
        try await service.saveNodeModel(StoredNodeModel(digest: prepared.model.rawValue, values: prepared.values), run: run, node: node)
        state.withLock { s in s.hold(node, prepared.model, values: prepared.values) }
    }

    /// Forgets what `node` holds (it said it lacks the base): it is sent the whole model next time.
    func forget(_ node: UInt64) async throws {
        try await service.deleteNodeModel(run: run, node: node)
        state.withLock { s in s.hold(node, nil, values: nil) }
    }

    /// The digest of the model `node` holds, read from the store the first time.
    func held(by node: UInt64) async throws -> ModelDigest? {
        if let known = state.withLock({ $0.nodes[node] }) { return known }
        let stored = try await service.nodeModel(run: run, node: node)
        let digest = stored.flatMap { ModelDigest(rawValue: $0.digest) }
        state.withLock { s in
            guard s.nodes[node] == nil else { return }
            s.hold(node, digest, values: stored?.values)
        }
        return state.withLock { $0.nodes[node] ?? nil }
    }
}

extension DownlinkCoder.State {
    /// Records that `node` holds `digest` (with `values`, shared with every other holder), releasing what it held.
    fileprivate mutating func hold(_ node: UInt64, _ digest: ModelDigest?, values: [Float]?) {
        if let old = nodes[node] ?? nil, let entry = models[old] {
            models[old] = entry.holders > 1 ? (entry.values, entry.holders - 1) : nil
        }
        nodes[node] = .some(digest)
        guard let digest else { return }
        if let entry = models[digest] {
            models[digest] = (entry.values, entry.holders + 1)
        } else if let values {
            models[digest] = (values, 1)
        }
    }
}
