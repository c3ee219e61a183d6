/// Federated EMNIST as LEAF preprocesses it (Caldas et al. 2018; Cohen et al., "EMNIST", 2017, from NIST
/// Special Database 19): 28×28 handwritten characters grouped by writer, 62 classes — digits 0–9 are
/// classes 0–9, `A`–`Z` 10–35, `a`–`z` 36–61.
///
/// Samples have shape `[1, 28, 28]` with LEAF's pixel values in [0, 1], where **1 is the background and 0 the
/// ink** (the reverse of MNIST). Each writer is one client; LEAF's by-sample split gives each writer a training
/// file entry and a test file entry.
public enum FEMNIST {
    /// The number of classes.
    public static let classCount = 62
    /// The shape of one sample.
    public static let sampleShape = [1, 28, 28]
    /// The bundled training file's name in `Data/femnist`.
    public static let bundledTrainingFile = "all_data_5_niid_05_keep_0_train_9.json"
    /// The bundled test file's name in `Data/femnist`.
    public static let bundledTestFile = "all_data_5_niid_05_keep_0_test_9.json"

    /// Loads a LEAF FEMNIST training file and, optionally, its test file (raw or gzipped).
    ///
    /// - Throws: ``LEAFError`` naming the file, writer and sample at fault (rows not 784 values, labels ≥ 62, …).
    public static func load(training: String, test: String? = nil, userLimit: Int? = nil) throws(LEAFError) -> FederatedDataset {
        try LEAF.load(training: training, test: test, sampleShape: sampleShape, classCount: classCount, userLimit: userLimit)
    }

    /// Loads the sample bundled in `Data/femnist`: 5 writers, 659 training and 75 test samples.
    ///
    /// - Throws: ``LEAFError/Reason/unreadable(_:)`` when the bundled folder cannot be found.
    public static func loadBundled(userLimit: Int? = nil) throws(LEAFError) -> FederatedDataset {
        let directory: String
        do throws(BundledDataError) {
            directory = try BundledData.femnistDirectory()
        } catch {
            throw LEAFError(.unreadable(error.description))
        }
        return try load(training: directory + "/" + bundledTrainingFile, test: directory + "/" + bundledTestFile,
                        userLimit: userLimit)
    }
}
