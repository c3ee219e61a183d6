/// Errors raised while reading or writing a safetensors file, or loading one into a model.
///
/// Every case names the file (its path, or the name a caller gave in-memory bytes) and, where one is
/// involved, the tensor.
public enum SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read or written.
    case io(file: String, reason: String)
    /// The file is shorter than the 8-byte header length that starts every safetensors file.
    case fileTooShort(file: String, size: Int)
    /// The declared header length exceeds the 100 MB the format allows.
    case headerLengthAbsurd(file: String, length: UInt64)
    /// The declared header extends past the end of the file.
    case headerPastEnd(file: String, length: UInt64, fileSize: Int)
    /// The header is not valid UTF-8 JSON of the expected form.
    case invalidHeader(file: String, reason: String)
    /// A tensor has a dtype this reader does not convert (only F32, F16, BF16 and F64 are read).
    case unsupportedDType(file: String, tensor: String, dtype: String)
    /// A tensor's byte range does not hold `dtype size × shape` bytes.
    case dataSizeMismatch(file: String, tensor: String, expected: Int, actual: Int)
    /// A tensor's `data_offsets` end before they begin.
    case offsetsReversed(file: String, tensor: String, begin: Int, end: Int)
    /// A tensor's `data_offsets` end past the data section.
    case offsetsOutOfBounds(file: String, tensor: String, end: Int, dataSize: Int)
    /// Two tensors' byte ranges overlap.
    case offsetsOverlap(file: String, tensor: String, other: String)
    /// Part of the data section belongs to no tensor (a hole or trailing bytes), which the format forbids.
    case unindexedData(file: String, offset: Int)
    /// The model has a tensor the file lacks.
    case missingTensor(file: String, tensor: String)
    /// The file has a tensor the model lacks.
    case unexpectedTensor(file: String, tensor: String)
    /// A tensor's shape differs from the model's.
    case shapeMismatch(file: String, tensor: String, expected: [Int], actual: [Int])
    /// A tensor holds NaN or infinity (after conversion to `Float`) at flat index `index`.
    case nonFiniteValue(file: String, layer: String, tensor: String, index: Int)

    public var description: String {
        switch self {
        case .io(let file, let reason):
            return "\(file): \(reason)"
        case .fileTooShort(let file, let size):
            return "\(file): \(size) bytes is too short for a safetensors file (needs at least 8)"
        case .headerLengthAbsurd(let file, let length):
            return "\(file): header length \(length) is larger than the 100 MB limit; not a safetensors file?"
        case .headerPastEnd(let file, let length, let fileSize):
            return "\(file): header of \(length) bytes runs past the end of the \(fileSize)-byte file"
        case .invalidHeader(let file, let reason):
            return "\(file): invalid header: \(reason)"
        case .unsupportedDType(let file, let tensor, let dtype):
            return "\(file): tensor '\(tensor)' has unsupported dtype \(dtype) (supported: F32, F16, BF16, F64)"
        case .dataSizeMismatch(let file, let tensor, let expected, let actual):
            return "\(file): tensor '\(tensor)' spans \(actual) bytes but its dtype and shape need \(expected)"
        case .offsetsReversed(let file, let tensor, let begin, let end):
            return "\(file): tensor '\(tensor)' has data_offsets [\(begin), \(end)] that end before they begin"
        case .offsetsOutOfBounds(let file, let tensor, let end, let dataSize):
            return "\(file): tensor '\(tensor)' ends at byte \(end), past the \(dataSize)-byte data section"
        case .offsetsOverlap(let file, let tensor, let other):
            return "\(file): tensors '\(other)' and '\(tensor)' overlap"
        case .unindexedData(let file, let offset):
            return "\(file): data byte \(offset) belongs to no tensor (holes and trailing bytes are not allowed)"
        case .missingTensor(let file, let tensor):
            return "\(file): tensor '\(tensor)' is missing"
        case .unexpectedTensor(let file, let tensor):
            return "\(file): tensor '\(tensor)' does not belong to this model"
        case .shapeMismatch(let file, let tensor, let expected, let actual):
            return "\(file): tensor '\(tensor)' has shape \(actual), the model expects \(expected)"
        case .nonFiniteValue(let file, let layer, let tensor, let index):
            return "\(file): layer '\(layer)', tensor '\(tensor)' holds NaN or infinity at index \(index)"
        }
    }
}
