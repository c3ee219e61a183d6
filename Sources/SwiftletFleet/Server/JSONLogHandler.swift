import Foundation
import Logging

/// A swift-log handler writing one JSON object per line (time, level, label, message, metadata, source), for
/// log collectors; `swiftlet-fleet --log-format json` installs it.
public struct JSONLogHandler: LogHandler {
    /// The handler's log level.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every record of this logger.
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// Creates a handler for `label` writing to standard error.
    public init(label: String) {
        self.init(label: label) { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Creates a handler for `label` that passes each line (newline included) to `sink`.
    public init(label: String, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.sink = sink
    }

    /// Metadata for `key`.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one record.
    public func log(event: LogEvent) {
        var fields: [String: Any] = [
            "time": Self.timestamp(Date()), "level": event.level.rawValue, "label": label,
            "message": event.message.description, "source": "\(event.file.split(separator: "/").last ?? ""):\(event.line)",
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !merged.isEmpty { fields["metadata"] = merged.mapValues(Self.json) }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        sink(String(decoding: data, as: UTF8.self) + "\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): a.map(json)
        case .dictionary(let d): d.mapValues(json)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
