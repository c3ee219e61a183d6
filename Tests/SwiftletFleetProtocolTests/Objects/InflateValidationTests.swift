import Testing
@testable import SwiftletFleetProtocol

/// Hostile or inconsistent deflated messages are refused with an error naming the object.
@Suite struct InflateValidationTests {
    func train() throws -> DeflatedMessage { try FixtureLoader.deflated("train").0 }

    func chunkID(_ d: DeflatedMessage) -> String {
        d.objects.first { $0.value.starts(with: Array("ArrayChunk ".utf8)) }!.key
    }

    @Test func rejectsObjectWhoseBytesDoNotHashToItsID() throws {
        var d = try train()
        let id = chunkID(d)
        d.objects[id]![d.objects[id]!.count - 1] ^= 1
        #expect(throws: ObjectError.idMismatch(expected: id, actual: ObjectID(of: d.objects[id]!).rawValue)) { try FleetMessage.inflate(d) }
    }

    @Test func rejectsMissingChild() throws {
        var d = try train()
        let id = chunkID(d)
        d.objects[id] = nil
        #expect {
            try FleetMessage.inflate(d)
        } throws: { error in
            guard case .missingObject(let missing, _) = error as? ObjectError else { return false }
            return missing == id
        }
    }

    @Test func rejectsRootThatIsNotTheMessageID() throws {
        var d = try train()
        d.message.metadata.messageID = String(repeating: "0", count: 64)
        #expect(throws: ObjectError.messageIDMismatch(messageID: String(repeating: "0", count: 64), objectID: d.tree.objectID)) {
            try FleetMessage.inflate(d)
        }
    }

    @Test func rejectsListedMetadataThatDiffersFromTheObject() throws {
        var d = try train()
        d.message.metadata.dstNodeID += 1
        #expect(throws: ObjectError.self) { try FleetMessage.inflate(d) }
    }

    @Test func rejectsTreeThatDisagreesWithHeader() throws {
        var d = try train()
        d.tree.children[0].children.removeLast()
        #expect {
            try FleetMessage.inflate(d)
        } throws: { error in
            guard case .treeMismatch(let object, _) = error as? ObjectError else { return false }
            return object == d.tree.children[0].objectID
        }
    }

    @Test func rejectsObjectsOutsideTheTree() throws {
        var d = try train()
        let stray = ObjectHeader.object(.arrayChunk, children: [], body: [1])
        d.objects[ObjectID(of: stray).rawValue] = stray
        #expect(throws: ObjectError.treeMismatch(object: ObjectID(of: stray).rawValue, reason: "object is not part of message \(d.tree.objectID)'s tree")) {
            try FleetMessage.inflate(d)
        }
    }

    @Test func rejectsTotalSizeOverLimit() throws {
        let d = try train()
        var limits = ObjectLimits()
        limits.maxTotalBytes = 100
        #expect {
            try FleetMessage.inflate(d, limits: limits)
        } throws: { error in
            guard case .tooLarge(_, _, let limit) = error as? ObjectError else { return false }
            return limit == 100
        }
    }

    @Test func rejectsInvalidIDInTree() throws {
        var d = try train()
        d.tree.children[0].objectID = "not-an-id"
        #expect(throws: ObjectError.invalidID("not-an-id", context: "object tree under \(d.tree.objectID)")) { try FleetMessage.inflate(d) }
    }

    /// A consistent message whose single array has the given JSON body over one chunk [1, 2, 3, 4].
    func handBuilt(arrayBody: String) throws -> DeflatedMessage {
        var objects: [String: [UInt8]] = [:]
        func add(_ c: ObjectClass, _ children: [Flwr_Proto_ObjectTree], _ body: [UInt8]) -> Flwr_Proto_ObjectTree {
            let bytes = ObjectHeader.object(c, children: children.map { ObjectID(rawValue: $0.objectID)! }, body: body)
            var node = Flwr_Proto_ObjectTree()
            node.objectID = ObjectID(of: bytes).rawValue
            node.children = children
            objects[node.objectID] = bytes
            return node
        }
        let chunk = add(.arrayChunk, [], [1, 2, 3, 4])
        let array = add(.array, [chunk], Array(arrayBody.utf8))
        let record = add(.arrayRecord, [array], FleetJSON.object([("a", .string(array.objectID))]).encoded)
        let dict = add(.recordDict, [record], FleetJSON.object([("arrays", .string(record.objectID))]).encoded)
        var stored = Flwr_Proto_Message()
        stored.metadata = Flwr_Proto_Metadata()
        let root = add(.message, [dict], try stored.serializedBytes())
        var listed = stored
        listed.metadata.messageID = root.objectID
        return DeflatedMessage(message: listed, tree: root, objects: objects)
    }

    @Test func acceptsHandBuiltArray() throws {
        let d = try handBuilt(arrayBody: #"{"dtype": "float32", "shape": [1], "stype": "swiftlet.f32le", "arraychunk_ids": [0]}"#)
        guard case .content(let content) = try FleetMessage.inflate(d).body, case .arrays(let arrays)? = content["arrays"] else {
            Issue.record("no arrays"); return
        }
        #expect(arrays["a"]?.data == [1, 2, 3, 4])
    }

    @Test func rejectsChunkIndexOutOfRange() throws {
        let d = try handBuilt(arrayBody: #"{"dtype": "float32", "shape": [1], "stype": "x", "arraychunk_ids": [1]}"#)
        #expect { try FleetMessage.inflate(d) } throws: { error in
            guard case .malformedBody = error as? ObjectError else { return false }
            return true
        }
    }

    @Test func rejectsUnusedChunk() throws {
        let d = try handBuilt(arrayBody: #"{"dtype": "float32", "shape": [1], "stype": "x", "arraychunk_ids": []}"#)
        #expect { try FleetMessage.inflate(d) } throws: { error in
            guard case .treeMismatch = error as? ObjectError else { return false }
            return true
        }
    }

    @Test func rejectsArrayBodyWithoutDtype() throws {
        let d = try handBuilt(arrayBody: #"{"shape": [1], "stype": "x", "arraychunk_ids": [0]}"#)
        #expect { try FleetMessage.inflate(d) } throws: { error in
            guard case .malformedBody(_, let reason) = error as? ObjectError else { return false }
            return reason == "missing 'dtype'"
        }
    }

    @Test func rejectsNegativeShape() throws {
        let d = try handBuilt(arrayBody: #"{"dtype": "float32", "shape": [-1], "stype": "x", "arraychunk_ids": [0]}"#)
        #expect(throws: ObjectError.self) { try FleetMessage.inflate(d) }
    }

    @Test func rejectsContentObjectOfWrongClass() throws {
        let content = RecordDict([("m", .metrics(FleetMetricRecord([("a", .value(.int(1)))])))])
        var d = try FleetMessage(metadata: Flwr_Proto_Metadata(), body: .content(content)).deflate()
        // Swap the RecordDict for a MetricRecord object and rebuild the root to point at it.
        let metricID = d.tree.children[0].children[0].objectID
        var stored = Flwr_Proto_Message()
        stored.metadata = Flwr_Proto_Metadata()
        let root = ObjectHeader.object(.message, children: [ObjectID(rawValue: metricID)!], body: try stored.serializedBytes())
        let rootID = ObjectID(of: root).rawValue
        d.objects = [rootID: root, metricID: d.objects[metricID]!]
        d.tree.objectID = rootID
        d.tree.children = [d.tree.children[0].children[0]]
        d.message.metadata.messageID = rootID
        #expect(throws: ObjectError.unexpectedClass(object: metricID, expected: .recordDict, actual: .metricRecord)) { try FleetMessage.inflate(d) }
    }

    @Test func rejectsMessageObjectThatIsNotProtobuf() throws {
        let root = ObjectHeader.object(.message, children: [], body: [0xFF, 0xFF, 0xFF])
        var d = DeflatedMessage(message: Flwr_Proto_Message(), tree: Flwr_Proto_ObjectTree(), objects: [:])
        let id = ObjectID(of: root).rawValue
        d.objects[id] = root
        d.tree.objectID = id
        d.message.metadata.messageID = id
        #expect { try FleetMessage.inflate(d) } throws: { error in
            guard case .malformedBody(let object, _) = error as? ObjectError else { return false }
            return object == id
        }
    }

    @Test func rejectsTooManyObjects() throws {
        var limits = ObjectLimits()
        limits.maxObjects = 3
        #expect { try FleetMessage.inflate(try train(), limits: limits) } throws: { error in
            guard case .tooMany(_, "objects", _, 3) = error as? ObjectError else { return false }
            return true
        }
    }

    @Test func rejectsListedMessageCarryingContent() throws {
        var d = try train()
        var item = Flwr_Proto_RecordDict.Item()
        item.key = "arrays"
        item.metricRecord = Flwr_Proto_MetricRecord()
        d.message.content.items = [item]
        #expect(throws: ObjectError.treeMismatch(object: d.tree.objectID, reason: "the listed message must not carry content")) {
            try FleetMessage.inflate(d)
        }
    }

    @Test func acceptsTheEmptyContentFlowersSuperLinkLists() throws {
        // flwr 1.40 lists pulled messages with `remove_content_from_message`: an empty RecordDict.
        var d = try train()
        d.message.content = Flwr_Proto_RecordDict()
        #expect(try FleetMessage.inflate(d) == FleetMessage.inflate(try train()))
    }

    @Test func rejectsListedErrorMissingFromObject() throws {
        var d = try train()
        d.message.error.reason = "forged"
        #expect(throws: ObjectError.treeMismatch(object: d.tree.objectID, reason: "listed error differs from the error in the message object")) {
            try FleetMessage.inflate(d)
        }
    }

    @Test func roundTripsSwiftletMessageWithRepeatedArrays() throws {
        let array = FleetArray(dtype: "float32", shape: [1], stype: "swiftlet.f32le", data: [0, 0, 128, 63])
        let content = RecordDict([("arrays", .arrays(FleetArrayRecord([("a", array), ("b", array)])))])
        var metadata = Flwr_Proto_Metadata()
        metadata.messageType = "train"
        let d = try FleetMessage(metadata: metadata, body: .content(content)).deflate(chunkSize: 2)
        // One ArrayRecord child despite two names: equal arrays share one object, as in Flower.
        #expect(d.tree.children[0].children[0].children.count == 1)
        let back = try FleetMessage.inflate(d)
        #expect(back.body == .content(content))
        #expect(back.metadata.messageID == d.messageID)
    }
}
