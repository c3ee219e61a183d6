import Foundation

/// The MNIST handwritten digits (LeCun, Bottou, Bengio & Haffner, Proc. IEEE 1998; data by LeCun & Cortes,
/// CC BY-SA 3.0): 60,000 training and 10,000 test images of 28×28 grey pixels, labelled 0–9.
///
/// Loads the four original IDX files, raw or gzipped, into a ``LabeledDataset`` with sample shape
/// `[1, 28, 28]` (channels-first), pixels scaled from 0…255 to [0, 1], and 10 classes.
public enum MNIST {
    /// Which half of MNIST to load.
    public enum Split: String, Sendable, CaseIterable {
        /// 60,000 training samples (`train-*-idx?-ubyte`).
        case train
        /// 10,000 test samples (`t10k-*-idx?-ubyte`).
        case test

        /// The image file's base name (without `.gz`).
        public var imagesFileName: String { self == .train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte" }
        /// The label file's base name (without `.gz`).
        public var labelsFileName: String { self == .train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte" }
    }

    /// The image side length.
    public static let side = 28
    /// The number of classes.
    public static let classCount = 10
    /// The shape of one sample.
    public static let sampleShape = [1, side, side]

    /// Loads `split` from `directory`, using `NAME` if present and otherwise `NAME.gz`.
    ///
    /// - Parameter limit: keep only the first `limit` samples (all files are still fully validated).
    /// - Throws: ``MNISTError`` naming the file at fault: missing, corrupt, wrongly shaped, disagreeing
    ///   counts, or a label ≥ 10.
    public static func load(_ split: Split, from directory: String, limit: Int? = nil) throws(MNISTError) -> LabeledDataset {
        let imagesPath = try locate(split.imagesFileName, in: directory)
        let labelsPath = try locate(split.labelsFileName, in: directory)
        let images = try read(imagesPath)
        let labels = try read(labelsPath)

        guard images.dataType == .uint8, images.dimensions.count == 3,
              images.dimensions[1] == side, images.dimensions[2] == side else {
            throw .unexpectedFormat(file: imagesPath, detail: "expected unsigned-byte images of shape [N, 28, 28], "
                                    + "found \(images.dataType) \(images.dimensions)")
        }
        guard labels.dataType == .uint8, labels.dimensions.count == 1 else {
            throw .unexpectedFormat(file: labelsPath, detail: "expected unsigned-byte labels of shape [N], "
                                    + "found \(labels.dataType) \(labels.dimensions)")
        }
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw .countMismatch(imagesFile: imagesPath, images: images.dimensions[0],
                                 labelsFile: labelsPath, labels: labels.dimensions[0])
        }
        if let bad = labels.rawBytes.firstIndex(where: { $0 >= classCount }) {
            throw .labelOutOfRange(file: labelsPath, sample: bad, label: Int(labels.rawBytes[bad]))
        }

        let count = min(max(limit ?? Int.max, 0), labels.dimensions[0])
        let sampleSize = side * side
        let features = [Float](unsafeUninitializedCapacity: count * sampleSize) { buffer, initialized in
            images.rawBytes.withUnsafeBufferPointer { pixels in
                for i in 0..<(count * sampleSize) { buffer[i] = Float(pixels[i]) / 255 }
            }
            initialized = count * sampleSize
        }
        let classes = labels.rawBytes.prefix(count).map { Int32($0) }
        do throws(DatasetError) {
            return try LabeledDataset(sampleShape: sampleShape, features: features, labels: classes, classCount: classCount)
        } catch {
            // Unreachable: sizes and labels were checked above.
            throw .unexpectedFormat(file: imagesPath, detail: error.description)
        }
    }

    /// Loads `split` from the copy of MNIST bundled in the repository's `Data/mnist`.
    public static func loadBundled(_ split: Split, limit: Int? = nil) throws(MNISTError) -> LabeledDataset {
        let directory: String
        do throws(BundledDataError) {
            directory = try BundledData.mnistDirectory()
        } catch {
            throw .bundledDataNotFound(error)
        }
        return try load(split, from: directory, limit: limit)
    }

    private static func locate(_ name: String, in directory: String) throws(MNISTError) -> String {
        let base = (directory as NSString).appendingPathComponent(name)
        let candidates = [base, base + ".gz"]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .missingFile(tried: candidates)
        }
        return found
    }

    private static func read(_ path: String) throws(MNISTError) -> IDXFile {
        do throws(IDXError) {
            return try IDXFile(contentsOfFile: path)
        } catch {
            throw .idx(error)
        }
    }
}
