/// Why an object, an object tree or a deflated message was rejected.
///
/// Each case names the object (its id, or the id it was expected to have) and what was wrong with it.
public enum ObjectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not 64 lowercase hex digits.
    case invalidID(String, context: String)
    /// The object has no `\0` between header and body.
    case missingHeaderDivider(object: String)
    /// The header is not `<class> <child ids> <body length>` in UTF-8.
    case malformedHeader(object: String, reason: String)
    /// The header names a class that is not one of Flower's.
    case unknownClass(object: String, name: String)
    /// The object is of another class than the place it sits in requires.
    case unexpectedClass(object: String, expected: ObjectClass, actual: ObjectClass)
    /// The header's body length differs from the bytes after the divider.
    case bodyLengthMismatch(object: String, declared: Int, actual: Int)
    /// The object, or all objects together, exceed a size limit.
    case tooLarge(object: String, size: Int, limit: Int)
    /// Too many children, objects or too deep a tree.
    case tooMany(object: String, what: String, count: Int, limit: Int)
    /// The bytes' SHA-256 is not the id they were given under.
    case idMismatch(expected: String, actual: String)
    /// An object the tree refers to is not among the objects.
    case missingObject(String, parent: String)
    /// The tree's shape disagrees with the objects' headers or bodies.
    case treeMismatch(object: String, reason: String)
    /// The object's body cannot be decoded (bad JSON, bad protobuf, bad field).
    case malformedBody(object: String, reason: String)
    /// The message's id differs from the id of its object.
    case messageIDMismatch(messageID: String, objectID: String)
    /// A value cannot be represented the way Flower stores it.
    case unrepresentable(reason: String)

    /// A sentence that says what was wrong and with which object.
    public var description: String {
        switch self {
        case .invalidID(let text, let context): "invalid object id '\(text)' in \(context): expected 64 lowercase hex digits"
        case .missingHeaderDivider(let object): "object \(object): no NUL byte between header and body"
        case .malformedHeader(let object, let reason): "object \(object): malformed header: \(reason)"
        case .unknownClass(let object, let name): "object \(object): unknown object class '\(name)'"
        case .unexpectedClass(let object, let expected, let actual):
            "object \(object): expected a \(expected.rawValue), found a \(actual.rawValue)"
        case .bodyLengthMismatch(let object, let declared, let actual):
            "object \(object): header declares a body of \(declared) bytes, found \(actual)"
        case .tooLarge(let object, let size, let limit): "object \(object): \(size) bytes exceed the limit of \(limit)"
        case .tooMany(let object, let what, let count, let limit): "object \(object): \(count) \(what) exceed the limit of \(limit)"
        case .idMismatch(let expected, let actual): "object \(expected): its bytes hash to \(actual)"
        case .missingObject(let id, let parent): "object \(id) (child of \(parent)) is missing"
        case .treeMismatch(let object, let reason): "object \(object): tree mismatch: \(reason)"
        case .malformedBody(let object, let reason): "object \(object): malformed body: \(reason)"
        case .messageIDMismatch(let messageID, let objectID):
            "message id '\(messageID)' differs from its object id \(objectID)"
        case .unrepresentable(let reason): "cannot represent in Flower's format: \(reason)"
        }
    }
}
