import SwiftletFederated
import SwiftletFleetProtocol

/// How a ``FleetNode`` talks to its server: heartbeats, polling, reconnects, array encoding and limits.
public struct FleetNodeConfiguration: Sendable, Equatable {
    /// The heartbeat interval the node promises the server, in seconds (Flower's default: 30).
    ///
    /// Sent with ActivateNode and every heartbeat; the server marks the node offline after missing
    /// `interval × patience`, and refuses intervals outside its bounds (Flower: 10...1800).
    public var heartbeatInterval: Double
    /// The fraction of ``heartbeatInterval`` between two heartbeats (Flower: 0.8), so a heartbeat delayed by
    /// a slow network still arrives within the promised interval.
    public var heartbeatLead: Double
    /// The shortest and longest wait between two polls that found nothing: the wait starts at the lower
    /// bound after each message and doubles after each empty poll up to the upper bound.
    public var pollInterval: ClosedRange<Duration>
    /// Backoff between attempts when the server cannot be reached or fails.
    public var reconnect: ReconnectPolicy
    /// How the node encodes the arrays of its replies.
    public var arrayEncoding: ArrayEncoding
    /// Whether ``FleetNode/run()`` returns once every run the node worked for reports `finished`.
    public var exitWhenRunFinished: Bool
    /// How many polls in a row must find nothing before the node asks (GetRun) whether its runs finished,
    /// and asks again after each further empty poll. Between the rounds of a run a node finds nothing for
    /// a poll or two, and asking then would double its requests.
    public var emptyPollsBeforeRunCheck: Int
    /// The largest instruction, all objects together, the node accepts; larger ones get an error reply.
    public var maxMessageBytes: Int
    /// What received arrays are checked against before the client sees them.
    public var expectedArrays: ArrayExpectation
    /// How long a best-effort DeactivateNode (and UnregisterNode) may take when the node stops.
    public var deactivateTimeout: Duration
    /// Whether the node also sends UnregisterNode when it stops, unless the server refused its RegisterNode.
    ///
    /// For nodes with an ephemeral key, as Flower's SuperNode does when it registered such a key itself, so
    /// that servers do not accumulate keys nobody will use again. A key the operator registered (Flower with
    /// node authentication refuses the node's own RegisterNode) is never unregistered by the node.
    public var unregisterOnExit: Bool
    /// Whether to move an instruction's objects, and a reply's, several per request through Swiftlet's own
    /// calls when the server has them (asked once with an empty request; a Flower server refuses it and the
    /// node keeps to Flower's one-object calls).
    public var batchObjects: Bool
    /// Bytes of objects one batched push carries at most; a larger object goes alone.
    public var maxBatchBytes: Int
    /// Backoff between pulls of an instruction's object that the server knows but does not hold yet
    /// (`object_found` and not `object_available`), and how many pulls of one object to try.
    ///
    /// Flower's ServerApp pushes an instruction's objects after the message, so a node polling a busy SuperLink
    /// can be given the message before its objects; Flower's SuperNode then pulls again after 1 s, doubling up
    /// to 10 s, up to 500 times per object (flwr 1.40's `PULL_INITIAL_BACKOFF`, `PULL_BACKOFF_CAP`,
    /// `PULL_MAX_TRIES_PER_OBJECT`). The default is the same, with the waits drawn as ``ReconnectPolicy`` draws
    /// them. A Swiftlet server stores an instruction with its objects, so its nodes never wait.
    public var unavailableObjectRetry: ReconnectPolicy

    /// Creates a configuration; the defaults follow Flower's SuperNode.
    public init(heartbeatInterval: Double = 30, heartbeatLead: Double = 0.8,
                pollInterval: ClosedRange<Duration> = .seconds(1)...(.seconds(30)),
                reconnect: ReconnectPolicy = ReconnectPolicy(), arrayEncoding: ArrayEncoding = .npy,
                exitWhenRunFinished: Bool = true, emptyPollsBeforeRunCheck: Int = 3, maxMessageBytes: Int = 256 << 20,
                expectedArrays: ArrayExpectation = .fromClient, deactivateTimeout: Duration = .seconds(5),
                unregisterOnExit: Bool = false, batchObjects: Bool = true, maxBatchBytes: Int = 8 << 20,
                unavailableObjectRetry: ReconnectPolicy = ReconnectPolicy(base: .seconds(1), cap: .seconds(10), maxAttempts: 500)) {
        self.batchObjects = batchObjects
        self.unavailableObjectRetry = unavailableObjectRetry
        self.maxBatchBytes = maxBatchBytes
        self.heartbeatInterval = heartbeatInterval
        self.heartbeatLead = heartbeatLead
        self.pollInterval = pollInterval
        self.reconnect = reconnect
        self.arrayEncoding = arrayEncoding
        self.exitWhenRunFinished = exitWhenRunFinished
        self.emptyPollsBeforeRunCheck = emptyPollsBeforeRunCheck
        self.maxMessageBytes = maxMessageBytes
        self.expectedArrays = expectedArrays
        self.deactivateTimeout = deactivateTimeout
        self.unregisterOnExit = unregisterOnExit
    }

    /// The settings for joining a Flower SuperLink (flwr ≥ 1.40): replies carry `.npy` float32 arrays, which
    /// Flower's ServerApps read, and every other value is Flower's SuperNode default.
    ///
    /// The rest of Flower's conventions hold for every server and need no setting: instructions are
    /// `"train"`/`"evaluate"` messages with `"arrays"` and `"config"` records, replies carry `"arrays"` named
    /// as the instruction named them and `"metrics"` with `"num-examples"`, and a node stops once GetRun
    /// says its run is over (Flower refuses GetRun for a finished run rather than reporting it).
    /// Flower's SuperLink has none of Swiftlet's batched object calls, so the node does not ask for them.
    public static var flower: FleetNodeConfiguration { FleetNodeConfiguration(arrayEncoding: .npy, batchObjects: false) }

    /// The wait between two heartbeats: `heartbeatInterval × heartbeatLead`.
    public var heartbeatPeriod: Duration {
        .nanoseconds(Int64((heartbeatInterval * heartbeatLead * 1e9).rounded()))
    }

    /// Checks that every value is usable.
    /// - Throws: ``FleetNodeError/invalidConfiguration(_:)`` naming the field.
    public func validate() throws(FleetNodeError) {
        guard heartbeatInterval.isFinite, heartbeatInterval > 0 else {
            throw .invalidConfiguration("heartbeatInterval: \(heartbeatInterval) is not a positive number of seconds")
        }
        guard heartbeatLead.isFinite, heartbeatLead > 0, heartbeatLead <= 1 else {
            throw .invalidConfiguration("heartbeatLead: \(heartbeatLead) is outside (0, 1]")
        }
        guard pollInterval.lowerBound > .zero else {
            throw .invalidConfiguration("pollInterval: the lower bound \(pollInterval.lowerBound) must be positive")
        }
        guard maxMessageBytes > 0 else {
            throw .invalidConfiguration("maxMessageBytes: \(maxMessageBytes) must be positive")
        }
        guard emptyPollsBeforeRunCheck > 0 else {
            throw .invalidConfiguration("emptyPollsBeforeRunCheck: \(emptyPollsBeforeRunCheck) must be at least 1")
        }
        guard maxBatchBytes > 0 else {
            throw .invalidConfiguration("maxBatchBytes: \(maxBatchBytes) must be positive")
        }
        guard deactivateTimeout >= .zero else {
            throw .invalidConfiguration("deactivateTimeout: \(deactivateTimeout) is negative")
        }
        if case .specs(let specs) = expectedArrays, let bad = specs.first(where: { $0.shape.contains { $0 < 0 } }) {
            throw .invalidConfiguration("expectedArrays: array '\(bad.name)' has a negative dimension \(bad.shape)")
        }
    }
}
