import Foundation
import SwiftletFleetProtocol

/// Objects: content-addressed bytes that nodes push (reply contents) and pull (instruction contents).
extension FleetService {
    /// Checks an upload's id, size and hash; pure, so ``handle(_:body:caller:)`` runs it off the actor.
    static func checkContent(_ request: Flwr_Proto_PushObjectRequest, limit: Int) throws(FleetFailure) {
        try checkObjectID(request.objectID, field: "object_id")
        guard request.objectContent.count <= limit else {
            throw FleetFailure(.payloadTooLarge, "object_content: \(request.objectContent.count) bytes for object "
                + "\(request.objectID), more than \(limit)")
        }
        let actual = objectID(of: request.objectContent)
        guard actual == request.objectID else {
            throw FleetFailure(.badRequest, "object_id: \(request.objectID) is not the SHA-256 of its content (\(actual))")
        }
    }

    /// Stores an upload already checked by ``checkContent(_:limit:)``.
    func pushObject(_ request: Flwr_Proto_PushObjectRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_PushObjectResponse {
        _ = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        _ = try existingRun(request.runID, field: "run_id")
        // The update fills a declared, still-empty object; when it changes nothing the object is either
        // unknown (an error) or already stored (a repeated push, answered as the first).
        let bytes = [UInt8](request.objectContent)
        if try db({ () throws(FleetStoreError) in try store.putObject(request.objectID, bytes: bytes) }) {
            try arrived(request.objectID, bytes: bytes)
        } else if try db({ () throws(FleetStoreError) in try store.object(request.objectID) }) == nil {
            throw FleetFailure(.notFound, "object_id: \(request.objectID) is in no pushed message's tree")
        }
        var response = Flwr_Proto_PushObjectResponse()
        response.stored = true
        return response
    }

    /// Counts a newly stored object and hands it to the replies waiting for it.
    func arrived(_ id: String, bytes: [UInt8]) throws(FleetFailure) {
        tally.objectsIn += 1
        tally.bytesIn += bytes.count
        for reply in replyTracker.objectArrived(id, bytes: bytes) {
            try resolve(reply.instruction, arrived: reply.objects)
        }
    }

    func pullObject(_ request: Flwr_Proto_PullObjectRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_PullObjectResponse {
        _ = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        _ = try existingRun(request.runID, field: "run_id")
        try Self.checkObjectID(request.objectID, field: "object_id")
        let response = try objectResponse(request.objectID)
        countOut(response)
        return response
    }

    /// The answer to a pull of object `id`: its bytes when stored; found but unavailable when expected.
    func objectResponse(_ id: String) throws(FleetFailure) -> Flwr_Proto_PullObjectResponse {
        var response = Flwr_Proto_PullObjectResponse()
        if let cached = objectCache.object(id) {
            response.objectFound = true
            response.objectAvailable = true
            response.objectContent = Data(cached)
            return response
        }
        guard let found = try db({ () throws(FleetStoreError) in try store.object(id) }) else { return response }
        response.objectFound = true
        if let bytes = found {
            objectCache.put(id, bytes)
            response.objectAvailable = true
            response.objectContent = Data(bytes)
        }
        return response
    }

    /// Counts an object sent to a node.
    func countOut(_ response: Flwr_Proto_PullObjectResponse) {
        guard response.objectAvailable else { return }
        tally.objectsOut += 1
        tally.bytesOut += response.objectContent.count
    }
}
