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
    /// The serialised array.
    public var data: [UInt8]

    /// Creates an array.
    public init(dtype: String, shape: [Int], stype: String, data: [UInt8]) {
        self.dtype = dtype
        self.shape = shape
        self.stype = stype
        self.data = data
    }
}
