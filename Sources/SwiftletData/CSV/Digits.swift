/// The optical-recognition handwritten digits as scikit-learn ships them (Alpaydin & Kaynak 1998, UCI):
/// 1,797 samples of 8×8 block counts (0–16) written by 43 people, 10 classes.
///
/// The bundled `Data/digits/digits.csv.gz` has no header: 64 feature columns then the label. The loader
/// scales features by 1/16 into [0, 1] and keeps the flat shape `[64]` the `mlp` and `logreg` presets take.
public enum Digits {
    /// The bundled file's name in `Data/digits` (gzipped CSV).
    public static let bundledFile = "digits.csv.gz"
    /// The number of classes.
    public static let classCount = 10
    /// The shape of one sample.
    public static let sampleShape = [64]

    /// Loads the bundled digits, features scaled to [0, 1].
    ///
    /// - Parameter limit: keep only the first `limit` rows.
    /// - Throws: ``CSVError`` (``CSVError/Reason/unreadable(_:)`` when the bundled folder cannot be found).
    public static func loadBundled(limit: Int? = nil) throws(CSVError) -> LabeledDataset {
        let path: String
        do throws(BundledDataError) {
            path = try BundledData.digitsFile()
        } catch {
            throw CSVError(.unreadable(error.description))
        }
        let options = CSVOptions(label: .last, header: .absent, sampleShape: sampleShape, classCount: classCount,
                                 featureScale: 1.0 / 16, limit: limit)
        return try CSVDataset.load(contentsOfFile: path, options: options).dataset
    }
}
