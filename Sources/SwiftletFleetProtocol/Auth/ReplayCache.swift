import Crypto
import Foundation

/// The signed requests seen within the timestamp window, to refuse one seen twice; bounded in memory.
///
/// An entry is the SHA-256 of (public key, timestamp, signature `r`) — 32 bytes however large the key — and
/// is kept until its timestamp leaves the window, after which the window check alone refuses a replay.
/// A min-heap on expiry makes pruning cost O(log n) per expired entry, so a full cache costs no sweeps.
struct ReplayCache: Sendable {
    /// What ``insert(_:expiresAt:now:)`` decided.
    enum Outcome: Equatable {
        /// Not seen before; now remembered.
        case fresh
        /// Seen before within the window.
        case replay
        /// Not seen, but the cache holds `capacity` unexpired entries and cannot remember it.
        case full
    }

    /// The most entries kept at once.
    let capacity: Int
    private var seen: Set<SHA256Digest> = []
    private var heap: [(expiry: Date, id: SHA256Digest)] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The number of entries kept.
    var count: Int { seen.count }

    /// The entry for a verified request.
    static func id(key: NodePublicKey, timestamp: String, r: [UInt8]) -> SHA256Digest {
        var hasher = SHA256()
        for part in [key.x963Representation, Array(timestamp.utf8), r] {
            let count = UInt32(part.count)
            hasher.update(data: [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)])
            hasher.update(data: part)
        }
        return hasher.finalize()
    }

    /// Forgets entries expired at `now`, then remembers `id` until `expiry` unless it is known or there is no room.
    mutating func insert(_ id: SHA256Digest, expiresAt expiry: Date, now: Date) -> Outcome {
        prune(now: now)
        if seen.contains(id) { return .replay }
        guard seen.count < capacity else { return .full }
        seen.insert(id)
        heap.append((expiry, id))
        siftUp(heap.count - 1)
        return .fresh
    }

    /// Drops every entry whose expiry is at or before `now`.
    mutating func prune(now: Date) {
        while let top = heap.first, top.expiry <= now {
            seen.remove(top.id)
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                siftDown(0)
            }
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].expiry < heap[parent].expiry else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].expiry < heap[smallest].expiry { smallest = left }
            if right < heap.count, heap[right].expiry < heap[smallest].expiry { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
