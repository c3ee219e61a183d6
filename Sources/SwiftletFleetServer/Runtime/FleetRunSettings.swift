import SwiftletFederated
import SwiftletFleetProtocol

/// How the server runtime runs a federation over the fleet: the run's name and how instructions travel.
///
/// The round engine's own settings (rounds, deadlines, sampling, failure policy) stay in
/// `FederationConfig`; these are the ones that only exist because the nodes are remote.
public struct FleetRunSettings: Sendable, Equatable {
    /// The run's name. A server started again with the same name resumes the unfinished run of that name;
    /// a finished run of that name is an error (``FleetRuntimeError/runAlreadyFinished(name:run:)``).
    public var runName: String
    /// How model arrays are serialised in instructions: `.swiftletPacked` between Swiftlet peers (the whole
    /// model in one array, so a node pulls six objects rather than two per tensor), `.swiftletF32LE` (one
    /// headerless array per tensor), `.npy` when Flower nodes take part. Replies are read in any encoding.
    public var arrayEncoding: ArrayEncoding
    /// Each instruction's time to live in seconds. A node that has not replied by then can no longer reply,
    /// and a restarted server sends a fresh instruction instead of re-using the expired one. Keep it at least
    /// the round timeout, so an instruction outlives its round.
    public var instructionTTL: Double
    /// How long a node that stopped heart-beating stays in the engine, unavailable, before it leaves: a node
    /// that comes back within the grace keeps its place (and its in-flight call) without re-joining.
    public var nodeGrace: Duration
    /// Limits on the replies' objects, checked when a reply is inflated.
    public var replyLimits: ObjectLimits
    /// How nodes encode their updates (``UplinkCompression``, written into every train instruction's config),
    /// or `nil` for plain arrays — the trained parameters in ``arrayEncoding``, as Flower peers send them.
    /// Swiftlet peers only: it cannot be combined with `.npy`.
    public var uplink: UplinkCompression?
    /// The codec specification train instructions' models travel through, as deltas against what each node
    /// holds (``DownlinkInstruction``), or `nil` to send every node the whole model. Swiftlet peers only.
    public var downlink: String?

    /// Creates settings.
    public init(runName: String, arrayEncoding: ArrayEncoding = .swiftletPacked, instructionTTL: Double = 3600,
                nodeGrace: Duration = .seconds(60), replyLimits: ObjectLimits = .standard,
                uplink: UplinkCompression? = nil, downlink: String? = nil) {
        self.runName = runName
        self.arrayEncoding = arrayEncoding
        self.instructionTTL = instructionTTL
        self.nodeGrace = nodeGrace
        self.replyLimits = replyLimits
        self.uplink = uplink
        self.downlink = downlink
    }

    /// Checks every setting, naming the first bad one.
    public func validate() throws(FleetRuntimeError) {
        guard !runName.isEmpty, runName.utf8.count <= 256 else {
            throw .invalidSettings(setting: "runName", reason: "must be 1 to 256 bytes, got \(runName.utf8.count)")
        }
        guard instructionTTL.isFinite, instructionTTL > 0 else {
            throw .invalidSettings(setting: "instructionTTL", reason: "must be a positive number of seconds, got \(instructionTTL)")
        }
        guard nodeGrace >= .zero else { throw .invalidSettings(setting: "nodeGrace", reason: "must be ≥ 0") }
        for (setting, specification) in [("uplink", uplink?.codec), ("downlink", downlink)] {
            guard let specification else { continue }
            do { _ = try CodecRegistry.codec(specification: specification) } catch {
                throw .invalidSettings(setting: setting, reason: error.description)
            }
            guard arrayEncoding != .npy else {
                throw .invalidSettings(setting: setting, reason: "compressed updates are for Swiftlet peers; Flower peers (npy) send plain arrays")
            }
        }
    }
}
