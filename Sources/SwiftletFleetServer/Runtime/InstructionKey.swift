/// Names one instruction of the round engine: what a restarted server looks up to re-issue the same message.
///
/// The engine asks a node at most once per (run, round, attempt, message type), so this key identifies the
/// message carrying that request; the store maps it to the message id.
public struct InstructionKey: Sendable, Hashable, CustomStringConvertible {
    /// The run.
    public var run: UInt64
    /// The round, counting from 1.
    public var round: Int
    /// The attempt at the round, counting from 1 (a failed round may be retried).
    public var attempt: Int
    /// The destination node.
    public var node: UInt64
    /// The message type: `train` or `evaluate`.
    public var type: String

    /// Creates a key.
    public init(run: UInt64, round: Int, attempt: Int, node: UInt64, type: String) {
        self.run = run
        self.round = round
        self.attempt = attempt
        self.node = node
        self.type = type
    }

    public var description: String { "run \(run) round \(round) attempt \(attempt) node \(node) \(type)" }
}
