/// Size limits applied when parsing and inflating objects, so hostile input cannot exhaust memory.
public struct ObjectLimits: Sendable, Equatable {
    /// The largest single object, header included.
    public var maxObjectBytes: Int
    /// The largest total of all objects of one message.
    public var maxTotalBytes: Int
    /// The most children one object may list.
    public var maxChildren: Int
    /// The most objects in one message tree.
    public var maxObjects: Int
    /// The longest header (class, child ids, length) before the NUL divider.
    public var maxHeaderBytes: Int

    /// Creates limits.
    public init(maxObjectBytes: Int = 8 << 20, maxTotalBytes: Int = 512 << 20, maxChildren: Int = 100_000,
                maxObjects: Int = 200_000, maxHeaderBytes: Int = 8 << 20) {
        self.maxObjectBytes = maxObjectBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxChildren = maxChildren
        self.maxObjects = maxObjects
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// Defaults that fit Flower's 5 MiB chunks and models of a few hundred MiB.
    public static let standard = ObjectLimits()
}
