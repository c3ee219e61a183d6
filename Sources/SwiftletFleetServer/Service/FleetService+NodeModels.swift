import SwiftletFleetProtocol

/// The models nodes hold for compressed downlinks, for the server runtime (``DownlinkCoder``).
extension FleetService {
    /// The model `node` holds in `run`, if the server knows one.
    public func nodeModel(run: UInt64, node: UInt64) throws(FleetFailure) -> StoredNodeModel? {
        try db { () throws(FleetStoreError) in try store.nodeModel(run: run, node: node) }
    }

    /// Records that `node` holds `model` in `run`.
    public func saveNodeModel(_ model: StoredNodeModel, run: UInt64, node: UInt64) throws(FleetFailure) {
        try db { () throws(FleetStoreError) in try store.saveNodeModel(model, run: run, node: node) }
    }

    /// Forgets what `node` holds in `run`.
    public func deleteNodeModel(run: UInt64, node: UInt64) throws(FleetFailure) {
        try db { () throws(FleetStoreError) in try store.deleteNodeModel(run: run, node: node) }
    }
}
