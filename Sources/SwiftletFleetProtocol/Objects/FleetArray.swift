/// One array as Flower carries it: a dtype name, a shape, a serialisation type and the serialised bytes.
///
/// With stype `"numpy.ndarray"` the data is a complete `.npy` file (see ``NpyArray``); Swiftlet peers may use
/// other stypes (see ``ArrayEncoding``). The object layer does not interpret the data.
public struct FleetArray: Sendable, Equatable {
    /// The element type, as numpy names it (`"float32"`, `"int64"`, …).
    public var dtype: String
    /// The dimensions.
    public var shape: [Int]
    /// How `data` is serialised (`"numpy.ndarray"` for Flower).
    public var stype: String
    /// The serialised array, possibly a range of a larger buffer: an array inflated from a single chunk keeps
    /// the chunk object's bytes rather than a copy of them, which for a model update is the largest buffer a
    /// node or the server holds.
    public var bytes: ArraySlice<UInt8>

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
}
