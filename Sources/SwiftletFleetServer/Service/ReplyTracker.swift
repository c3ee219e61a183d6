/// Which pushed replies still lack objects, indexed by object, so an arriving object completes exactly the
/// replies that waited for it — without scanning every reply the engine waits for on each push.
///
/// It also keeps the bytes of the objects that arrive for a tracked reply, until the reply is complete, so
/// the engine gets a reply it waited for without reading back from the store what was just written.
struct ReplyTracker: Sendable {
    /// Missing object ids per instruction whose reply is stored but incomplete.
    private var missing: [String: Set<String>] = [:]
    /// Instructions waiting for each object.
    private var waitingOn: [String: Set<String>] = [:]
    /// Bytes of the objects that arrived for each incomplete reply, by instruction, then object id.
    private var received: [String: [String: [UInt8]]] = [:]

    /// Replies tracked.
    var count: Int { missing.count }

    /// Tracks the reply to `instruction`, which lacks `objects` (none: nothing to track).
    mutating func track(instruction: String, missing objects: [String]) {
        guard !objects.isEmpty else { return }
        missing[instruction, default: []].formUnion(objects)
        for object in objects { waitingOn[object, default: []].insert(instruction) }
    }

    /// Notes that `object` is now stored; returns the instructions whose replies it completed, sorted.
    mutating func objectArrived(_ object: String) -> [String] {
        objectArrived(object, bytes: nil).map(\.instruction)
    }

    /// Notes that `object` is now stored with `bytes`; returns the replies it completed, sorted by
    /// instruction, each with the bytes of the objects that arrived for it while it was tracked.
    mutating func objectArrived(_ object: String, bytes: [UInt8]?) -> [(instruction: String, objects: [String: [UInt8]])] {
        guard let instructions = waitingOn.removeValue(forKey: object) else { return [] }
        var completed: [(instruction: String, objects: [String: [UInt8]])] = []
        for instruction in instructions.sorted() {
            missing[instruction]?.remove(object)
            if let bytes { received[instruction, default: [:]][object] = bytes }
            if missing[instruction]?.isEmpty == true {
                missing[instruction] = nil
                completed.append((instruction, received.removeValue(forKey: instruction) ?? [:]))
            }
        }
        return completed
    }

    /// Stops tracking the reply to `instruction` and drops the bytes kept for it; a later wait tracks it
    /// again from the store.
    mutating func forget(instruction: String) {
        received[instruction] = nil
        guard let objects = missing.removeValue(forKey: instruction) else { return }
        for object in objects {
            waitingOn[object]?.remove(instruction)
            if waitingOn[object]?.isEmpty == true { waitingOn[object] = nil }
        }
    }
}
