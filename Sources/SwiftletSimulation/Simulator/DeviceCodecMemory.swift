import Synchronization
import SwiftletFederated

/// What the wire codecs remember per device between rounds: the model each device last received (the
/// base of its next downlink delta) and its error-feedback residual.
///
/// Each device reads and writes only its own entry, in its own `fit`, and a device plays at most one fit
/// at a time, so the contents never depend on scheduling. Entries exist only for devices that have been
/// sent a compressed model or kept a residual: `f32le` runs store nothing.
final class DeviceCodecMemory: Sendable {
    private let entries = Mutex<[NodeID: Entry]>([:])

    private struct Entry {
        var received: [Float]?
        var residual: [Float]?
    }

    /// The model `node` last received in full, or `nil` before first contact.
    func received(_ node: NodeID) -> [Float]? { entries.withLock { $0[node]?.received } }

    /// Records that `node` now holds `model`.
    func setReceived(_ node: NodeID, _ model: [Float]) { entries.withLock { $0[node, default: Entry()].received = model } }

    /// `node`'s error-feedback residual, or `nil` before its first compressed update.
    func residual(_ node: NodeID) -> [Float]? { entries.withLock { $0[node]?.residual } }

    /// Records `node`'s residual after an update it sent.
    func setResidual(_ node: NodeID, _ residual: [Float]) { entries.withLock { $0[node, default: Entry()].residual = residual } }
}
