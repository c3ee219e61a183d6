import Foundation

/// A node as the store keeps it.
public struct StoredNode: Sendable, Equatable {
    /// Whether a node takes part in the fleet right now.
    public enum Status: String, Sendable, Equatable {
        /// Registered, not yet activated (or deactivated by the node).
        case registered
        /// Activated and heartbeating.
        case online
        /// Missed its heartbeats.
        case offline
    }
    /// The node id the server assigned.
    public var id: UInt64
    /// The node's public key bytes (empty when the server does not authenticate nodes).
    public var publicKey: [UInt8]
    /// The node's status.
    public var status: Status
    /// The heartbeat interval the node asked for, in seconds.
    public var heartbeatInterval: Double
    /// When the server last heard from the node.
    public var lastSeen: Date
    /// When the node registered.
    public var registeredAt: Date

    /// Creates a stored node.
    public init(id: UInt64, publicKey: [UInt8], status: Status, heartbeatInterval: Double, lastSeen: Date, registeredAt: Date) {
        self.id = id
        self.publicKey = publicKey
        self.status = status
        self.heartbeatInterval = heartbeatInterval
        self.lastSeen = lastSeen
        self.registeredAt = registeredAt
    }
}

/// A run as the store keeps it.
public struct StoredRun: Sendable, Equatable {
    /// The run id.
    public var id: UInt64
    /// A name for people.
    public var name: String
    /// The run's configuration, opaque bytes.
    public var config: [UInt8]
    /// `pending`, `running` or `finished`.
    public var status: String

    /// Creates a stored run.
    public init(id: UInt64, name: String, config: [UInt8], status: String) {
        self.id = id
        self.name = name
        self.config = config
        self.status = status
    }
}

/// A message (instruction or reply) as the store keeps it.
public struct StoredMessage: Sendable, Equatable {
    /// Where a message is in its life.
    public enum Status: String, Sendable, Equatable {
        /// Waiting for its destination to pull it.
        case pending
        /// Pulled by its destination.
        case delivered
        /// Its destination confirmed it has all its objects.
        case confirmed
        /// Its destination pushed a reply.
        case replied
        /// Its time to live ran out.
        case expired
    }
    /// The message id (the object id of the message).
    public var id: String
    /// The run it belongs to.
    public var run: UInt64
    /// Source and destination node ids (0 for the server).
    public var source: UInt64, destination: UInt64
    /// The message type (`train`, `evaluate`, …).
    public var type: String
    /// The group id (the round).
    public var group: String
    /// Creation time and time to live, in seconds since 1970 and seconds.
    public var createdAt: Double, ttl: Double
    /// The id of the message this one replies to; empty for instructions.
    public var replyTo: String
    /// The message's status.
    public var status: Status
    /// The serialized `Flwr_Proto_Message` (metadata and any error), opaque here.
    public var metadata: [UInt8]
    /// The serialized `Flwr_Proto_ObjectTree` of the message.
    public var tree: [UInt8]

    /// Creates a stored message.
    public init(id: String, run: UInt64, source: UInt64, destination: UInt64, type: String, group: String,
                createdAt: Double, ttl: Double, replyTo: String, status: Status, metadata: [UInt8], tree: [UInt8]) {
        self.id = id; self.run = run; self.source = source; self.destination = destination
        self.type = type; self.group = group; self.createdAt = createdAt; self.ttl = ttl
        self.replyTo = replyTo; self.status = status; self.metadata = metadata; self.tree = tree
    }
}

/// A checkpoint of a round: opaque bytes from the round engine.
public struct StoredCheckpoint: Sendable, Equatable {
    /// The run and round.
    public var run: UInt64, round: Int
    /// The round's record, JSON.
    public var record: [UInt8]
    /// The engine's checkpoint bytes.
    public var blob: [UInt8]

    /// Creates a checkpoint.
    public init(run: UInt64, round: Int, record: [UInt8], blob: [UInt8]) {
        self.run = run; self.round = round; self.record = record; self.blob = blob
    }
}

/// Row counts of every table: a cheap snapshot that tests compare before and after a bad request.
public struct FleetStoreCounts: Sendable, Equatable {
    /// Rows per table.
    public var nodes = 0, runs = 0, rounds = 0, messages = 0, objects = 0, messageObjects = 0, checkpoints = 0
    /// Creates empty counts.
    public init() {}
}
