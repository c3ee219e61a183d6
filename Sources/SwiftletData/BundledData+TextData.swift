import Foundation

extension BundledData {
    /// The directory holding the LEAF FEMNIST sample, e.g. `/path/to/Swiftlet/Data/femnist`.
    ///
    /// - Throws: ``BundledDataError/notFound(dataset:searched:)`` listing every directory tried.
    public static func femnistDirectory() throws(BundledDataError) -> String {
        try directory(named: "femnist", containing: FEMNIST.bundledTrainingFile)
    }

    /// The path of tiny Shakespeare's `input.txt`, e.g. `/path/to/Swiftlet/Data/shakespeare/input.txt`.
    ///
    /// If only a gzipped copy is there (`input.txt.gz`), its path is returned; the loaders read either.
    public static func shakespeareFile() throws(BundledDataError) -> String {
        let path = try directory(named: "shakespeare", containing: Shakespeare.bundledFile) + "/" + Shakespeare.bundledFile
        return FileManager.default.fileExists(atPath: path) ? path : path + ".gz"
    }

    /// The path of the scikit-learn digits CSV, e.g. `/path/to/Swiftlet/Data/digits/digits.csv.gz`.
    public static func digitsFile() throws(BundledDataError) -> String {
        try directory(named: "digits", containing: Digits.bundledFile) + "/" + Digits.bundledFile
    }
}
