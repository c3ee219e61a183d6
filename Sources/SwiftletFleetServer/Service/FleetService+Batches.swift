import Foundation
import SwiftletFleetProtocol

/// Swiftlet's own batched object calls (``FleetRPC/pullObjects``, ``FleetRPC/pushObjects``): several
/// PullObject or PushObject calls in one request, so a node moves an instruction's or a reply's objects in
/// one round trip. An empty batch is answered empty: nodes send one to learn that the server has these calls.
extension FleetService {
    /// Checks a batch before the actor sees it: at most `limit` items, all naming the node and run of the
    /// first; answers nothing, throws naming the first item that breaks a rule.
    static func checkBatch(_ items: [(node: UInt64, run: UInt64)], limit: Int, _ rpc: FleetRPC) throws(FleetFailure) {
        guard items.count <= limit else {
            throw FleetFailure(.payloadTooLarge, "\(rpc.rawValue): \(items.count) requests, more than \(limit)")
        }
        guard let first = items.first else { return }
        for (index, item) in items.enumerated().dropFirst() {
            guard item.node == first.node else {
                throw FleetFailure(.badRequest, "requests[\(index)].node.node_id: \(item.node), but requests[0] names \(first.node)")
            }
            guard item.run == first.run else {
                throw FleetFailure(.badRequest, "requests[\(index)].run_id: \(item.run), but requests[0] names \(first.run)")
            }
        }
    }

    /// Runs `body` for item `index` of a batch, naming the item in the failure it throws.
    static func item<T>(_ index: Int, _ body: () throws(FleetFailure) -> T) throws(FleetFailure) -> T {
        do { return try body() } catch { throw FleetFailure(error.kind, "requests[\(index)].\(error.message)") }
    }

    /// Checks every upload of a push batch (ids, sizes, hashes); pure, so it runs off the actor.
    static func checkContents(_ uploads: [ObjectUpload], limit: Int) throws(FleetFailure) {
        for (index, item) in uploads.enumerated() {
            try Self.item(index) { () throws(FleetFailure) in try checkContent(item, limit: limit) }
        }
    }

    /// Checks the node and run every item of a batch names (``checkBatch(_:limit:_:)`` saw they are the
    /// first item's), as the one-object calls check theirs.
    func checkOwner(node: UInt64, run: UInt64, caller: FleetCaller) throws(FleetFailure) {
        _ = try boundNode(node, caller: caller, field: "requests[0].node.node_id")
        _ = try existingRun(run, field: "requests[0].run_id")
    }

    /// Answers the pulls in order, as ``pullObject(_:caller:)`` would one by one, until the answers reach
    /// ``FleetServiceLimits/maxBatchBytes`` (always at least one): the node asks again for the rest.
    func pullObjects(_ request: Swiftlet_Fleet_PullObjectsRequest, caller: FleetCaller) throws(FleetFailure) -> [ObjectDownload] {
        var response: [ObjectDownload] = []
        guard let first = request.requests.first else { return response }
        try checkOwner(node: first.node.nodeID, run: first.runID, caller: caller)
        var bytes = 0
        for (index, item) in request.requests.enumerated() {
            try Self.item(index) { () throws(FleetFailure) in try Self.checkObjectID(item.objectID, field: "object_id") }
            let answer = try objectResponse(item.objectID)
            if index > 0, bytes + answer.content.count > limits.maxBatchBytes { break }
            bytes += answer.content.count
            countOut(answer)
            response.append(answer)
        }
        return response
    }

    /// Stores the uploads (`staged`, in the request's order), all or none, as ``pushObject(_:staged:caller:)``
    /// would one by one; a batch naming an object no pushed message declares stores nothing and is refused,
    /// naming it.
    func pushObjects(_ uploads: [ObjectUpload], staged: [StagedObject], caller: FleetCaller) throws(FleetFailure)
        -> Swiftlet_Fleet_PushObjectsResponse {
        var response = Swiftlet_Fleet_PushObjectsResponse()
        guard let first = uploads.first else { return response }
        try checkOwner(node: first.nodeID, run: first.runID, caller: caller)
        let outcomes = try db { () throws(FleetStoreError) in try store.putObjects(staged) }
        if let unknown = outcomes.firstIndex(of: .unknown) {
            throw FleetFailure(.notFound, "requests[\(unknown)].object_id: \(staged[unknown].id) is in no pushed message's tree")
        }
        for (object, outcome) in zip(staged, outcomes) where outcome == .stored {
            try arrived(object.id, bytes: object.bytes)
        }
        var stored = Flwr_Proto_PushObjectResponse()
        stored.stored = true
        response.responses = Array(repeating: stored, count: staged.count)
        return response
    }
}
