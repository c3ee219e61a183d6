import Foundation

/// Loads federated datasets in LEAF's JSON format (Caldas et al., "LEAF: A Benchmark for Federated
/// Settings", 2018): `{"users": [...], "num_samples": [...], "user_data": {user: {"x": [[floats]], "y": [ints]}}}`.
///
/// Any such file loads, not only the bundled FEMNIST: `x` rows become samples of `sampleShape` (default
/// `[row length]`), `y` values class indices. The parser reads the bytes straight into float buffers — no JSON
/// object tree — so a file costs its text plus its samples. It checks that `users` and `num_samples` agree,
/// that each listed user has `user_data` (and no unlisted one does), that `x`, `y` and `num_samples` agree,
/// that all rows have one length, and that labels are integers in range; errors name the file, user and
/// sample. Key order does not matter; other keys (`hierarchies`, `raw`) are ignored. LEAF's Shakespeare JSON,
/// whose `x` rows are 80-character strings and `y` values single characters, loads too: characters become token
/// indices of ``CharacterVocabulary/leaf`` (unknown ones 79, as LEAF's labels have them) and the class count
/// defaults to its 80 symbols.
/// Gzipped files are decompressed in memory first, and the compressed bytes released before parsing.
public enum LEAF {
    /// The largest LEAF file read (decompressed): 16 GiB.
    public static let maximumFileBytes = 1 << 34

    /// Loads a training file and, optionally, its test file (LEAF writes the two with the same users).
    ///
    /// Clients follow the training file's `users` order; a user found only in the test file is appended with
    /// no training samples.
    ///
    /// - Parameters:
    ///   - sampleShape: the shape each `x` row fills, row-major (e.g. `[1, 28, 28]`); `nil` infers `[row length]`.
    ///   - classCount: labels must be below it; `nil` infers the largest label in either file plus one (80 for text).
    ///   - userLimit: keep only the first `userLimit` users (the files are still fully validated).
    /// - Throws: ``LEAFError`` naming the file, user and sample at fault.
    public static func load(training: String, test: String? = nil, sampleShape: [Int]? = nil, classCount: Int? = nil,
                            userLimit: Int? = nil) throws(LEAFError) -> FederatedDataset {
        if let classCount, classCount <= 0 { throw LEAFError(.invalidClassCount(classCount)) }
        let rowLength = sampleShape.map { $0.reduce(1, *) }
        let trainingPart = try read(training, rowLength: rowLength, classCount: classCount)
        let testPart = try test.map { (path) throws(LEAFError) in
            try read(path, rowLength: rowLength ?? trainingPart.rowLength, classCount: classCount)
        }
        if let testPart, let trainingRow = trainingPart.rowLength, let testRow = testPart.rowLength, trainingRow != testRow {
            throw LEAFError(.rowLength(expected: trainingRow, found: testRow), file: test)
        }
        return try assemble(training: trainingPart, test: testPart, file: training, sampleShape: sampleShape,
                            classCount: classCount, userLimit: userLimit)
    }

    /// Parses LEAF JSON held in memory into clients with no test samples.
    ///
    /// - Parameter file: the name errors carry, if any.
    public static func parse(_ bytes: [UInt8], file: String? = nil, sampleShape: [Int]? = nil,
                             classCount: Int? = nil) throws(LEAFError) -> FederatedDataset {
        if let classCount, classCount <= 0 { throw LEAFError(.invalidClassCount(classCount)) }
        do throws(LEAFError) {
            let part = try LEAFParser.parse(bytes, rowLength: sampleShape.map { $0.reduce(1, *) }, classCount: classCount)
            return try assemble(training: part, test: nil, file: file, sampleShape: sampleShape, classCount: classCount, userLimit: nil)
        } catch {
            var named = error
            named.file = named.file ?? file
            throw named
        }
    }

    private static func read(_ path: String, rowLength: Int?, classCount: Int?) throws(LEAFError) -> LEAFParser.Result {
        var bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path, limit: FileBytes.compressedLimit(forOutput: maximumFileBytes))
        } catch {
            throw LEAFError(.unreadable(error.description), file: path)
        }
        do throws(LEAFError) {
            if Gzip.isGzip(bytes) {
                do throws(GzipError) {
                    bytes = try Gzip.decompress(bytes, maxOutputBytes: maximumFileBytes)
                } catch {
                    throw LEAFError(.gzip(error))
                }
            }
            return try LEAFParser.parse(bytes, rowLength: rowLength, classCount: classCount)
        } catch {
            var named = error
            named.file = path
            throw named
        }
    }

    private static func assemble(training: LEAFParser.Result, test: LEAFParser.Result?, file: String?, sampleShape: [Int]?,
                                 classCount: Int?, userLimit: Int?) throws(LEAFError) -> FederatedDataset {
        guard let rowLength = training.rowLength ?? test?.rowLength else { throw LEAFError(.noUsers, file: file) }
        let shape = sampleShape ?? [rowLength]
        guard shape.allSatisfy({ $0 > 0 }), shape.reduce(1, *) == rowLength else {
            throw LEAFError(.sampleShapeMismatch(shape: shape, features: rowLength), file: file)
        }
        let allSamples = training.samples + (test?.samples ?? [])
        let inferred = allSamples.contains(where: \.isText) ? CharacterVocabulary.leaf.count
            : (allSamples.compactMap { $0.labels.max() }.max().map { Int($0) + 1 } ?? 1)
        let classes = classCount ?? inferred
        var testSamples: [String: LEAFParser.UserSamples] = [:]
        var users = training.users
        if let test {
            for (user, samples) in zip(test.users, test.samples) { testSamples[user] = samples }
            let known = Set(users)
            users += test.users.filter { !known.contains($0) }
        }
        var trainingSamples: [String: LEAFParser.UserSamples] = [:]
        for (user, samples) in zip(training.users, training.samples) { trainingSamples[user] = samples }
        let kept = users.prefix(max(userLimit ?? Int.max, 0))
        let clients = kept.map { user in
            FederatedDataset.Client(id: user, training: dataset(trainingSamples[user], shape, classes),
                                    test: dataset(testSamples[user], shape, classes))
        }
        do throws(DatasetError) {
            return try FederatedDataset(clients: clients)
        } catch {
            throw LEAFError(.noUsers, file: file)
        }
    }

    private static func dataset(_ samples: LEAFParser.UserSamples?, _ shape: [Int], _ classes: Int) -> LabeledDataset {
        // Row lengths and labels were validated while parsing; inferred classes cover every label.
        try! LabeledDataset(sampleShape: shape, features: samples?.features ?? [], labels: samples?.labels ?? [], classCount: classes)
    }
}
