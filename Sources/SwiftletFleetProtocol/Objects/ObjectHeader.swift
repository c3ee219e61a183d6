/// The header Flower puts before every object's body: `"<class> <child ids, comma-separated> <body length>\0"`.
///
/// Child ids appear in the order of the object's children, without duplicates; an object without children
/// has an empty middle field (two spaces in a row).
public struct ObjectHeader: Sendable, Equatable {
    /// The object's class.
    public var objectClass: ObjectClass
    /// The ids of its children, in header order.
    public var children: [ObjectID]
    /// The length of the body in bytes.
    public var bodyLength: Int

    /// Creates a header.
    public init(objectClass: ObjectClass, children: [ObjectID], bodyLength: Int) {
        self.objectClass = objectClass
        self.children = children
        self.bodyLength = bodyLength
    }

    /// The complete object: header, NUL divider, body.
    public static func object(_ objectClass: ObjectClass, children: [ObjectID], body: [UInt8]) -> [UInt8] {
        assemble(objectClass, children: children, body: body)
    }

    /// ``object(_:children:body:)`` for a body that may be a slice of a larger array (a chunk of an array's
    /// data), copied once, straight into the object.
    static func assemble(_ objectClass: ObjectClass, children: [ObjectID], body: some Collection<UInt8>) -> [UInt8] {
        var bytes = head(objectClass, children: children, bodyLength: body.count)
        bytes.reserveCapacity(bytes.count + body.count)
        bytes.append(contentsOf: body)
        return bytes
    }

    /// The bytes an object's body follows: the header and its NUL divider.
    static func head(_ objectClass: ObjectClass, children: [ObjectID], bodyLength: Int) -> [UInt8] {
        Array("\(objectClass.rawValue) \(children.map(\.rawValue).joined(separator: ",")) \(bodyLength)".utf8) + [0]
    }

    /// Parses and validates an object's header; returns the header and the offset where the body starts.
    ///
    /// - Parameter id: the id used to name the object in errors (the id it was stored or asked for under).
    public static func parse(_ bytes: [UInt8], id: String,
                             limits: ObjectLimits = .standard) throws(ObjectError) -> (header: ObjectHeader, bodyStart: Int) {
        guard bytes.count <= limits.maxObjectBytes else {
            throw .tooLarge(object: id, size: bytes.count, limit: limits.maxObjectBytes)
        }
        guard let divider = bytes.firstIndex(of: 0) else { throw .missingHeaderDivider(object: id) }
        guard divider <= limits.maxHeaderBytes else {
            throw .malformedHeader(object: id, reason: "header of \(divider) bytes exceeds \(limits.maxHeaderBytes)")
        }
        let fields = bytes[..<divider].split(separator: 0x20, omittingEmptySubsequences: false)
        guard fields.count == 3 else {
            throw .malformedHeader(object: id, reason: "expected 3 space-separated fields, found \(fields.count)")
        }
        guard let name = String(validating: fields[0], as: UTF8.self) else {
            throw .malformedHeader(object: id, reason: "class name is not UTF-8")
        }
        guard let objectClass = ObjectClass(rawValue: name) else { throw .unknownClass(object: id, name: name) }
        var children: [ObjectID] = []
        if !fields[1].isEmpty {
            let parts = fields[1].split(separator: 0x2C, omittingEmptySubsequences: false)
            guard parts.count <= limits.maxChildren else {
                throw .tooMany(object: id, what: "children", count: parts.count, limit: limits.maxChildren)
            }
            var seen = Set<ObjectID>()
            for part in parts {
                let text = String(decoding: part, as: UTF8.self)
                guard let child = ObjectID(rawValue: text) else { throw .invalidID(text, context: "header of object \(id)") }
                guard seen.insert(child).inserted else {
                    throw .malformedHeader(object: id, reason: "child id \(text) listed twice")
                }
                children.append(child)
            }
        }
        let lengthField = fields[2]
        guard !lengthField.isEmpty, lengthField.count <= 18, lengthField.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              lengthField.count == 1 || lengthField.first != 0x30,
              let declared = Int(String(decoding: lengthField, as: UTF8.self)) else {
            throw .malformedHeader(object: id, reason: "body length '\(String(decoding: lengthField, as: UTF8.self))' is not a decimal number")
        }
        let actual = bytes.count - divider - 1
        guard declared == actual else { throw .bodyLengthMismatch(object: id, declared: declared, actual: actual) }
        return (ObjectHeader(objectClass: objectClass, children: children, bodyLength: declared), divider + 1)
    }
}
