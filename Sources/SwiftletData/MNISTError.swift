/// An error loading MNIST: which file, and what was wrong with it.
public enum MNISTError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither the raw nor the gzipped name of a required file exists; lists the paths tried.
    case missingFile(tried: [String])
    /// A file is not readable IDX (the error names the file).
    case idx(IDXError)
    /// A file is valid IDX but not in MNIST's shape or type.
    case unexpectedFormat(file: String, detail: String)
    /// The image and label files hold different numbers of samples.
    case countMismatch(imagesFile: String, images: Int, labelsFile: String, labels: Int)
    /// Sample `sample` in the labels file has a label of 10 or more.
    case labelOutOfRange(file: String, sample: Int, label: Int)
    /// The bundled data directory could not be found.
    case bundledDataNotFound(BundledDataError)

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case .missingFile(let tried): return "MNIST file not found; tried \(tried.joined(separator: ", "))"
        case .idx(let error): return error.description
        case .unexpectedFormat(let file, let detail): return "\(file): \(detail)"
        case .countMismatch(let imagesFile, let images, let labelsFile, let labels):
            return "\(imagesFile) holds \(images) images but \(labelsFile) holds \(labels) labels"
        case .labelOutOfRange(let file, let sample, let label):
            return "\(file): sample \(sample) has label \(label), outside 0..<10"
        case .bundledDataNotFound(let error): return error.description
        }
    }
}
