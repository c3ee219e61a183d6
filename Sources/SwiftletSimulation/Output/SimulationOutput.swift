import Foundation

/// Writes a simulation's results into one directory, each file atomically (a reader never sees half a
/// file, and a crash leaves the previous version):
///
/// - `config.toml`: the configuration that fixes the run, seed included;
/// - `rounds.jsonl`, `rounds.csv`: one record per round (simulated time only, so identical for any worker count);
/// - `summary.json`: the run in numbers, wall time included;
/// - `charts/*.svg`: accuracy and loss per round and per simulated hour, bytes and energy per round.
public enum SimulationOutput {
    /// Writes the results into `directory`, creating it (and its parents) when missing, and returns the
    /// paths written, in the order above.
    ///
    /// - Parameter deviceDetail: whether `rounds.jsonl` lists every sampled device of every round.
    /// - Throws: ``SimulationOutputError`` naming the path: it is a file, or cannot be created or written.
    @discardableResult
    public static func write(history: SimulationHistory, summary: SimulationSummary, charts: SimulationCharts,
                             configTOML: String, to directory: String,
                             deviceDetail: Bool = true) throws(SimulationOutputError) -> [String] {
        let chartsDirectory = (directory as NSString).appendingPathComponent("charts")
        try makeDirectory(directory)
        try makeDirectory(chartsDirectory)
        var files: [(String, String)] = [
            ((directory as NSString).appendingPathComponent("config.toml"), configTOML),
            ((directory as NSString).appendingPathComponent("rounds.jsonl"), history.jsonLines(deviceDetail: deviceDetail)),
            ((directory as NSString).appendingPathComponent("rounds.csv"), history.csv()),
            ((directory as NSString).appendingPathComponent("summary.json"), summary.json()),
        ]
        files += charts.files().map { ((chartsDirectory as NSString).appendingPathComponent($0.fileName), $0.svg) }
        for (path, text) in files {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .cannotWrite(path: path, reason: reason(error))
            }
        }
        return files.map(\.0)
    }

    /// Creates `path` as a directory unless it already is one.
    private static func makeDirectory(_ path: String) throws(SimulationOutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path: path) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: path, reason: reason(error))
        }
    }

    /// The operating system's reason, without Foundation's wrapping ("The operation could not be completed").
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)), underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(posix.rawValue))
        }
        return nsError.localizedDescription
    }
}
