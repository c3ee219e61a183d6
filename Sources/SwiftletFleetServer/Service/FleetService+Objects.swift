import Foundation
import SwiftletFleetProtocol

/// Objects: content-addressed bytes that nodes push (reply contents) and pull (instruction contents).
extension FleetService {
    /// Checks an upload's id, size and hash; pure, so ``handle(_:body:caller:)`` runs it off the actor.
    static func checkContent(_ upload: ObjectUpload, limit: Int) throws(FleetFailure) {
        try checkObjectID(upload.objectID, field: "object_id")
        guard upload.content.count <= limit else {
            throw FleetFailure(.payloadTooLarge, "object_content: \(upload.content.count) bytes for object "
                + "\(upload.objectID), more than \(limit)")
        }
        let actual = objectID(of: upload.content)
        guard actual == upload.objectID else {
            throw FleetFailure(.badRequest, "object_id: \(upload.objectID) is not the SHA-256 of its content (\(actual))")
        }
    }

    /// Stores an upload already checked by ``checkContent(_:limit:)`` and staged by
    /// ``stage(_:)``.
    func pushObject(_ upload: ObjectUpload, staged: StagedObject, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_PushObjectResponse {
        _ = try boundNode(upload.nodeID, caller: caller, field: "node.node_id")
        _ = try existingRun(upload.runID, field: "run_id")
        // The update fills a declared, still-empty object; an object already stored is a repeated push,
        // answered as the first.
        switch try db({ () throws(FleetStoreError) in try store.putObjects([staged]) }).first {
        case .stored?: try arrived(staged.id, bytes: staged.bytes)
        case .unknown?, nil: throw FleetFailure(.notFound, "object_id: \(upload.objectID) is in no pushed message's tree")
        case .alreadyStored?: break
        }
        var response = Flwr_Proto_PushObjectResponse()
        response.stored = true
        return response
    }

    /// Writes uploads to the store's staging area on a thread that may block on the disk, rather than on
    /// the actor (where every other request would wait) or a Swift concurrency thread (of which there are
    /// as many as cores). Pass the result to ``FleetStore/discardStaged(_:)`` once the request is done.
    nonisolated func stage(_ objects: [(id: String, bytes: [UInt8])]) async throws(FleetFailure) -> [StagedObject] {
        let store = self.store
        do {
            return try await BlockingIO.run { () throws(FleetStoreError) in try store.stageObjects(objects) }
        } catch { throw FleetFailure(.internalError, error.description) }
    }

    /// Runs `body` for a request whose uploads are `staged`, then removes the staging files it did not
    /// store, whether it succeeded or failed.
    nonisolated func withStaged<T>(_ staged: [StagedObject], _ body: () async throws(FleetFailure) -> T) async throws(FleetFailure) -> T {
        defer { store.discardStaged(staged) }
        return try await body()
    }

    /// Counts a newly stored object and hands it to the replies waiting for it.
    func arrived(_ id: String, bytes: [UInt8]) throws(FleetFailure) {
        tally.objectsIn += 1
        tally.bytesIn += bytes.count
        for reply in replyTracker.objectArrived(id, bytes: bytes) {
            try resolve(reply.instruction, arrived: reply.objects)
        }
    }

    func pullObject(_ request: Flwr_Proto_PullObjectRequest, caller: FleetCaller) throws(FleetFailure) -> ObjectDownload {
        _ = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        _ = try existingRun(request.runID, field: "run_id")
        try Self.checkObjectID(request.objectID, field: "object_id")
        let response = try objectResponse(request.objectID)
        countOut(response)
        return response
    }

    /// The answer to a pull of object `id`: its bytes when stored (the cache's own array, not a copy); found
    /// but unavailable when expected.
    func objectResponse(_ id: String) throws(FleetFailure) -> ObjectDownload {
        if let cached = objectCache.object(id) { return ObjectDownload(found: true, available: true, content: cached) }
        guard let found = try db({ () throws(FleetStoreError) in try store.object(id) }) else { return ObjectDownload() }
        guard let bytes = found else { return ObjectDownload(found: true) }
        objectCache.put(id, bytes)
        return ObjectDownload(found: true, available: true, content: bytes)
    }

    /// Counts an object sent to a node.
    func countOut(_ response: ObjectDownload) {
        guard response.available else { return }
        tally.objectsOut += 1
        tally.bytesOut += response.content.count
    }
}
