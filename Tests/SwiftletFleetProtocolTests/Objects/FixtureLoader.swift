import Foundation
@testable import SwiftletFleetProtocol

/// Reads the committed fixtures written by Fixtures/make_fixtures.py.
enum FixtureLoader {
    static var folder: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    static func flower() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("flower_messages.json"))) as! [String: Any]
    }

    static func tree(_ json: [String: Any]) -> Flwr_Proto_ObjectTree {
        var tree = Flwr_Proto_ObjectTree()
        tree.objectID = json["id"] as! String
        tree.children = (json["children"] as! [[String: Any]]).map(Self.tree)
        return tree
    }

    /// A Flower message case as a deflated message.
    static func deflated(_ name: String) throws -> (DeflatedMessage, chunkSize: Int) {
        let all = try flower()
        let entry = all[name] as! [String: Any]
        var objects: [String: [UInt8]] = [:]
        for (id, text) in entry["objects"] as! [String: String] { objects[id] = [UInt8](Data(base64Encoded: text)!) }
        let listed = try Flwr_Proto_Message(serializedBytes: [UInt8](Data(base64Encoded: entry["listed"] as! String)!))
        return (DeflatedMessage(message: listed, tree: tree(entry["tree"] as! [String: Any]), objects: objects), all["chunk_size"] as! Int)
    }
}
