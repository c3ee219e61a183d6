/// Which pushed replies still lack objects, indexed by object, so an arriving object completes exactly the
/// replies that waited for it — without scanning every reply the engine waits for on each push.
struct ReplyTracker: Sendable {
    /// Missing object ids per instruction whose reply is stored but incomplete.
    private var missing: [String: Set<String>] = [:]
    /// Instructions waiting for each object.
    private var waitingOn: [String: Set<String>] = [:]

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
        guard let instructions = waitingOn.removeValue(forKey: object) else { return [] }
        var completed: [String] = []
        for instruction in instructions {
            missing[instruction]?.remove(object)
            if missing[instruction]?.isEmpty == true {
                missing[instruction] = nil
                completed.append(instruction)
            }
        }
        return completed.sorted()
    }
}

/// Object bytes recently read or written, up to a byte budget, oldest evicted first.
///
/// Every node sampled in a round pulls the same global-model objects (they are content-addressed), so the
/// second to the thousandth pull of a round are answered from memory.
struct ObjectCache: Sendable {
    let capacityBytes: Int
    private var entries: [String: [UInt8]] = [:]
    private var order: [String] = []
    private var head = 0
    private(set) var bytes = 0

    init(capacityBytes: Int) { self.capacityBytes = capacityBytes }

    func object(_ id: String) -> [UInt8]? { entries[id] }

    /// Keeps `content` under `id`, evicting the oldest entries past the budget; objects larger than a quarter
    /// of the budget are not kept.
    mutating func put(_ id: String, _ content: [UInt8]) {
        guard entries[id] == nil, content.count <= capacityBytes / 4 else { return }
        entries[id] = content
        order.append(id)
        bytes += content.count
        while bytes > capacityBytes, head < order.count {
            if let evicted = entries.removeValue(forKey: order[head]) { bytes -= evicted.count }
            head += 1
        }
        if head > 1_024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
