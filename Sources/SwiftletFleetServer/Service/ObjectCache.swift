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
