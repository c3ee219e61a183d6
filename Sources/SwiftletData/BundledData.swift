import Foundation

/// Locates the datasets shipped in the repository's `Data/` folder.
///
/// `swift run`, `swift test` and Xcode start processes in different working directories, so the search
/// tries, in order: `$SWIFTLET_DATA_DIR` (a `Data` folder), the current directory and its parents, the
/// executable's directory and its parents (it lives under `.build/`), and the parents of this source file
/// (`#filePath`, which points into the clone that built the package).
public enum BundledData {
    /// The directory holding the four MNIST files, e.g. `/path/to/Swiftlet/Data/mnist`.
    ///
    /// - Throws: ``BundledDataError/notFound(dataset:searched:)`` listing every directory tried.
    public static func mnistDirectory() throws(BundledDataError) -> String {
        try directory(named: "mnist", containing: MNIST.Split.test.labelsFileName)
    }

    /// The directory holding the bundled Speech Commands subset (`<word>/<speaker>_nohash_<n>.wav`),
    /// e.g. `/path/to/Swiftlet/Data/speech-commands`.
    ///
    /// - Throws: ``BundledDataError/notFound(dataset:searched:)`` listing every directory tried.
    public static func speechCommandsDirectory() throws(BundledDataError) -> String {
        try directory(named: "speech-commands", containing: "SHA256SUMS")
    }

    /// The first `Data/<name>` directory holding `marker` (raw or `.gz`), searching the places above.
    static func directory(named name: String, containing marker: String) throws(BundledDataError) -> String {
        var searched: [String] = []
        let fileManager = FileManager.default
        func holdsData(_ directory: String) -> Bool {
            let marked = (directory as NSString).appendingPathComponent(marker)
            return fileManager.fileExists(atPath: marked) || fileManager.fileExists(atPath: marked + ".gz")
        }
        if let override = ProcessInfo.processInfo.environment["SWIFTLET_DATA_DIR"] {
            let candidate = (override as NSString).appendingPathComponent(name)
            if holdsData(candidate) { return candidate }
            searched.append(candidate)
        }
        var roots = [fileManager.currentDirectoryPath]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path {
            roots.append((executable as NSString).deletingLastPathComponent)
        }
        roots.append(((#filePath as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
        for root in roots {
            var current = root
            while true {
                let candidate = ((current as NSString).appendingPathComponent("Data") as NSString).appendingPathComponent(name)
                if holdsData(candidate) { return candidate }
                if !searched.contains(candidate) { searched.append(candidate) }
                let parent = (current as NSString).deletingLastPathComponent
                if parent == current || parent.isEmpty { break }
                current = parent
            }
        }
        throw .notFound(dataset: name, searched: searched)
    }
}
