import Synchronization

/// A list that concurrent tasks append to, for tests that record what happened in which order.
final class LockedLog<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) { storage.withLock { $0.append(element) } }

    /// A snapshot of the elements, in the order they were appended.
    var elements: [Element] { storage.withLock { $0 } }
}
