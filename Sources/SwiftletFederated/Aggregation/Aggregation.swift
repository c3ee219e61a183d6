/// The pure maths of federated aggregation: functions of vectors and weights, with no rounds, nodes or I/O.
///
/// Strategies call these; tests check them on hand-computed vectors. Each function documents the paper it
/// implements. Functions over one vector per client take `[[Float]]` (rows of equal length); the streaming
/// forms take raw buffers so an aggregator can fold each update in as it arrives.
public enum Aggregation {}
