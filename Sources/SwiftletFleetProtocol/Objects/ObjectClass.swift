/// The kinds of object in Flower's message trees, named as they appear in an object's header.
///
/// The raw value is the Python class name Flower writes first in the header; any other name is rejected.
public enum ObjectClass: String, Sendable, Hashable, CaseIterable {
    /// A message: its metadata and error as a protobuf `Message` without content; child: the content.
    case message = "Message"
    /// A record dict: JSON `{record name: record id}`; children: the records.
    case recordDict = "RecordDict"
    /// An array record: JSON `{array name: array id}`; children: the arrays.
    case arrayRecord = "ArrayRecord"
    /// A config record: a protobuf `ConfigRecord`; no children.
    case configRecord = "ConfigRecord"
    /// A metric record: a protobuf `MetricRecord`; no children.
    case metricRecord = "MetricRecord"
    /// An array: JSON with dtype, shape, stype and chunk indices; children: its distinct chunks.
    case array = "Array"
    /// A slice of an array's data (at most the chunk size); no children.
    case arrayChunk = "ArrayChunk"
}
