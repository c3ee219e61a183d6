/// Writes a simulation's results into one directory, each file atomically (a reader never sees half a
/// file, and a crash leaves the previous version):
///
/// - `config.toml`: the configuration that fixes the run, seed included;
/// - `rounds.jsonl`, `rounds.csv`: one record per round (simulated time only, so identical for any worker count);
/// - `summary.json`: the run in numbers, wall time included;
/// - `charts/*.svg`: accuracy and loss per round and per simulated hour, bytes and energy per round.
///
/// docs/SIMULATION-OUTPUT.md describes the files' contents.
public enum SimulationOutput {
    /// Writes the results into `directory`, creating it (and its parents) when missing, and returns the
    /// paths written, in the order above.
    ///
    /// - Parameter deviceDetail: whether `rounds.jsonl` lists every sampled device of every round.
    /// - Throws: ``SimulationOutputError`` naming the path: it is a file, or cannot be created or written.
    @discardableResult
    public static func write(history: SimulationHistory, summary: SimulationSummary, charts: SimulationCharts?,
                             configTOML: String, to directory: String,
                             deviceDetail: Bool = true) throws(SimulationOutputError) -> [String] {
        let base = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        func path(_ name: String) -> String { base == "/" ? "/" + name : base + "/" + name }
        let chartsDirectory = path("charts")
        try AtomicFile.makeDirectories(base)
        if charts != nil { try AtomicFile.makeDirectories(chartsDirectory) }
        var files: [(String, String)] = [
            (path("config.toml"), configTOML),
            (path("rounds.jsonl"), history.jsonLines(deviceDetail: deviceDetail)),
            (path("rounds.csv"), history.csv()),
            (path("summary.json"), summary.json()),
        ]
        files += (charts?.files() ?? []).map { (chartsDirectory + "/" + $0.fileName, $0.svg) }
        for (path, text) in files { try AtomicFile.write(text, to: path) }
        return files.map(\.0)
    }
}
