import Foundation
import SwiftletFleetProtocol

/// Moving objects: several per request through Swiftlet's own calls when the server has them
/// (``FleetRPC/pullObjects``, ``FleetRPC/pushObjects``), one per request through Flower's otherwise.
extension FleetNode {
    /// Whether to use the batched object calls: asks the server once, with an empty PullObjects (right after
    /// joining, or at the first object call if that failed), and remembers the answer until the node joins
    /// again. A Flower server refuses the unknown call (404), after which the node keeps to Flower's calls.
    func batchesObjects() async throws(StepError) -> Bool {
        guard configuration.batchObjects else { return false }
        if let known = serverBatchesObjects { return known }
        do throws(StepError) {
            let _: Swiftlet_Fleet_PullObjectsResponse = try await call(.pullObjects, Swiftlet_Fleet_PullObjectsRequest())
            serverBatchesObjects = true
        } catch {
            guard case .refused(_, let failure) = error else { throw error }
            logger.info("the server has no batched object calls; moving one object per request", metadata: ["answer": "\(failure)"])
            serverBatchesObjects = false
        }
        return serverBatchesObjects ?? false
    }

    /// Pulls objects of run `run`, from the first of `ids` on: all the server answers in one batch, or the
    /// first alone through PullObject. Answers the responses of a prefix of `ids`, in order.
    func pullObjects(_ ids: [String], run: UInt64) async throws(StepError) -> [ObjectDownload] {
        guard try await batchesObjects() else {
            let answer = try await callAsNodePulling(.pullObject, shape: .download) { node throws(StepError) in
                try Self.serialize(Self.pullRequest(ids[0], node: node, run: run), .pullObject)
            }
            return [try Self.decode(answer, .pullObject, as: Flwr_Proto_PullObjectResponse.protoMessageName) {
                body throws(any Error) in try ObjectDownload(body: body)
            }]
        }
        let answer = try await callAsNodePulling(.pullObjects, shape: .downloadBatch) { node throws(StepError) in
            var request = Swiftlet_Fleet_PullObjectsRequest()
            request.requests = ids.map { Self.pullRequest($0, node: node, run: run) }
            return try Self.serialize(request, .pullObjects)
        }
        return try Self.decode(answer, .pullObjects, as: Swiftlet_Fleet_PullObjectsResponse.protoMessageName) {
            body throws(any Error) in try ObjectDownload.batch(body: body)
        }
    }

    static func pullRequest(_ id: String, node: UInt64, run: UInt64) -> Flwr_Proto_PullObjectRequest {
        var request = Flwr_Proto_PullObjectRequest()
        request.node.nodeID = node
        request.runID = run
        request.objectID = id
        return request
    }

    /// Pushes `objects` (id and bytes, in order) of run `run` under `session`: in batches of at most
    /// ``FleetNodeConfiguration/maxBatchBytes`` when the server takes them, else one per PushObject. A batch
    /// the server finds too large goes again one object per request.
    func pushObjects(_ objects: [(id: String, bytes: [UInt8])], run: UInt64, session: String) async throws(StepError) {
        guard try await batchesObjects() else {
            for object in objects { try await pushObject(object, run: run, session: session) }
            return
        }
        for batch in Self.batches(objects, maxBytes: configuration.maxBatchBytes) {
            if batch.count == 1 {
                try await pushObject(batch[0], run: run, session: session)
                continue
            }
            do throws(StepError) {
                let answer = try await callAsNodeParts(.pushObjects) { node in
                    ObjectUpload.serializedParts(batch.map { Self.upload($0, node: node, run: run, session: session) })
                }
                let _: Swiftlet_Fleet_PushObjectsResponse = try Self.decode(answer, .pushObjects)
            } catch {
                guard case .refused(_, let failure) = error, failure.kind == .payloadTooLarge else { throw error }
                logger.info("the server refused a batch as too large; pushing its objects one by one",
                            metadata: ["objects": "\(batch.count)", "answer": "\(failure)"])
                for object in batch { try await pushObject(object, run: run, session: session) }
            }
        }
    }

    /// Pushes one object through Flower's PushObject.
    func pushObject(_ object: (id: String, bytes: [UInt8]), run: UInt64, session: String) async throws(StepError) {
        let answer = try await callAsNodeParts(.pushObject) { node in
            ObjectUpload.serializedParts([Self.upload(object, node: node, run: run, session: session)], batch: false)
        }
        let _: Flwr_Proto_PushObjectResponse = try Self.decode(answer, .pushObject)
    }

    /// The upload of `object` by `node`; its bytes are shared, not copied, until they are serialised.
    static func upload(_ object: (id: String, bytes: [UInt8]), node: UInt64, run: UInt64, session: String) -> ObjectUpload {
        ObjectUpload(nodeID: node, runID: run, objectID: object.id, content: object.bytes, sessionID: session)
    }

    /// `objects` cut, in order, into runs of at most `maxBytes` of content each; an object larger than that
    /// is a batch of its own.
    static func batches(_ objects: [(id: String, bytes: [UInt8])], maxBytes: Int) -> [[(id: String, bytes: [UInt8])]] {
        var batches: [[(id: String, bytes: [UInt8])]] = []
        var current: [(id: String, bytes: [UInt8])] = []
        var size = 0
        for object in objects {
            if !current.isEmpty, size + object.bytes.count > maxBytes {
                batches.append(current)
                current = []
                size = 0
            }
            current.append(object)
            size += object.bytes.count
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
