/// One array as Flower carries it: a dtype name, a shape, a serialisation type and the serialised bytes.
///
/// With stype `"numpy.ndarray"` the data is a complete `.npy` file (see ``NpyArray``); Swiftlet peers may use
/// other stypes (see ``ArrayEncoding``). The object layer does not interpret the data.
public struct FleetArray: Sendable {
    /// The element type, as numpy names it (`"float32"`, `"int64"`, …).
    public var dtype: String
    /// The dimensions.
    public var shape: [Int]
    /// How `data` is serialised (`"numpy.ndarray"` for Flower).
    public var stype: String
    /// The serialised array, possibly a range of a larger buffer: an array inflated from a single chunk keeps
    /// the chunk object's bytes rather than a copy of them, which for a model update is the largest buffer a
    /// node or the server holds.
    public var bytes: ArraySlice<UInt8> {
        didSet { chunkObject = nil }
    }

    /// The `ArrayChunk` object that carries ``bytes`` whole, when they were written behind its header
    /// (``init(dtype:shape:stype:count:writing:)``): the same storage, so deflating the array sends it as it
    /// is rather than copying the bytes behind a header. Setting ``bytes`` drops it.
    private(set) var chunkObject: [UInt8]?

    /// The serialised array, as an array of its own (a copy when ``bytes`` is a range of a larger buffer).
    public var data: [UInt8] {
        get { Array(bytes) }
        set { bytes = newValue[...] }
    }

    /// Creates an array.
    public init(dtype: String, shape: [Int], stype: String, data: [UInt8]) {
        self.init(dtype: dtype, shape: shape, stype: stype, bytes: data[...])
    }

    /// Creates an array whose serialised bytes are `bytes`, without copying them.
    public init(dtype: String, shape: [Int], stype: String, bytes: ArraySlice<UInt8>) {
        self.dtype = dtype
        self.shape = shape
        self.stype = stype
        self.bytes = bytes
    }

    /// Creates an array of `count` serialised bytes that `write` puts straight behind the header of the
    /// `ArrayChunk` object that carries them.
    ///
    /// A node's update is the largest buffer it builds: encoding it into an array of its own and then copying
    /// it behind the chunk's header held two update-sized buffers and wrote the update twice. Deflated with a
    /// chunk size of at least `count`, the array is sent as the buffer written here (``chunkObject``).
    ///
    /// - Parameter write: must initialise every one of the `count` bytes it is given.
    init(dtype: String, shape: [Int], stype: String, count: Int, writing write: (UnsafeMutableRawBufferPointer) -> Void) {
        let head = ObjectHeader.head(.arrayChunk, children: [], bodyLength: count)
        let object = [UInt8](unsafeUninitializedCapacity: head.count + count) { buffer, initialized in
            let out = UnsafeMutableRawBufferPointer(buffer)
            head.withUnsafeBytes { out.copyMemory(from: $0) }
            write(UnsafeMutableRawBufferPointer(rebasing: out[head.count...]))
            initialized = head.count + count
        }
        self.init(dtype: dtype, shape: shape, stype: stype, bytes: object[head.count...])
        // An empty array has no chunk at all.
        if count > 0 { chunkObject = object }
    }
}

extension FleetArray: Equatable {
    /// Arrays are equal when their dtype, shape, stype and bytes are, however the bytes are held.
    public static func == (a: FleetArray, b: FleetArray) -> Bool {
        a.dtype == b.dtype && a.shape == b.shape && a.stype == b.stype && a.bytes == b.bytes
    }
}
