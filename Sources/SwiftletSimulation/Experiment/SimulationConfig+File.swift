import Foundation

extension SimulationConfig {
    /// Reads a config file (see ``init(toml:)``).
    ///
    /// - Throws: ``ExperimentError/configFile(file:reason:)`` naming `path`, when it cannot be read as UTF-8
    ///   or its content is wrong (the ``ConfigError``'s message, with the key path).
    public init(contentsOfFile path: String) throws(ExperimentError) {
        self = try Self.readFile(path) { text throws(ConfigError) in try SimulationConfig(toml: text) }
    }

    /// Reads the config file at `path` with `parse`, naming the file in any error: for this format and
    /// formats that extend it.
    /// - Throws: ``ExperimentError/configFile(file:reason:)`` when the file cannot be read or `parse` fails.
    public static func readFile<Config>(_ path: String, _ parse: (String) throws(ConfigError) -> Config) throws(ExperimentError) -> Config {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .configFile(file: path, reason: "cannot be read: \(error.localizedDescription)")
        }
        do {
            return try parse(text)
        } catch {
            throw .configFile(file: path, reason: error.description)
        }
    }

    /// Writes ``toml()`` to `path`, creating its directory (the results directory's `config.toml`, say).
    public func write(toFile path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try toml().write(to: url, atomically: true, encoding: .utf8)
    }
}
