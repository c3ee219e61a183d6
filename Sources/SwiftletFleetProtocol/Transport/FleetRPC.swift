/// The remote procedures of the Fleet API: what a device node calls on the server.
///
/// Each travels as `POST /v1/fleet/<path>` with a protobuf body (`content-type: application/protobuf`), as in
/// Flower's Fleet API since flwr 1.40. Calls are always initiated by the node (pull-based), as a LoRaWAN
/// Class A device must.
public enum FleetRPC: String, CaseIterable, Sendable {
    /// Registers a node's public key; answers its node id.
    case registerNode = "register-node"
    /// Marks a registered node online, with the heartbeat interval it promises.
    case activateNode = "activate-node"
    /// Marks a node offline; it stays registered.
    case deactivateNode = "deactivate-node"
    /// Forgets a node.
    case unregisterNode = "unregister-node"
    /// Keeps a node online for another heartbeat interval.
    case sendNodeHeartbeat = "send-node-heartbeat"
    /// Asks for the messages waiting for the node (metadata and object trees; the objects are pulled apart).
    case pullMessages = "pull-messages"
    /// Sends the node's replies (metadata and object trees); the answer lists the objects still to push.
    case pushMessages = "push-messages"
    /// Asks for a run's description.
    case getRun = "get-run"
    /// Asks for a run's Flower App Bundle.
    case getFab = "get-fab"
    /// Uploads one content-addressed object of a reply.
    case pushObject = "push-object"
    /// Downloads one content-addressed object of a message.
    case pullObject = "pull-object"
    /// Tells the server a message and all its objects arrived, so it may release them.
    case confirmMessageReceived = "confirm-message-received"
    /// Swiftlet servers only: several ``pullObject`` calls in one request (`swiftlet.fleet.PullObjectsRequest`).
    ///
    /// Not part of Flower's Fleet API; a node uses it only after the server answered an empty one.
    case pullObjects = "swiftlet-pull-objects"
    /// Swiftlet servers only: several ``pushObject`` calls in one request, stored all or none
    /// (`swiftlet.fleet.PushObjectsRequest`).
    case pushObjects = "swiftlet-push-objects"

    /// Whether Flower's Fleet API has this call; the others are Swiftlet's own.
    public var isFlower: Bool { self != .pullObjects && self != .pushObjects }

    /// The object message the request body is, for the calls that push objects: a transport receives such a
    /// body into an ``ObjectMessageBody`` so the update is copied once.
    public var requestObjectShape: ObjectMessageBody.Shape? {
        switch self {
        case .pushObject: .upload
        case .pushObjects: .uploadBatch
        default: nil
        }
    }

    /// The object message the response body is, for the calls that pull objects.
    public var responseObjectShape: ObjectMessageBody.Shape? {
        switch self {
        case .pullObject: .download
        case .pullObjects: .downloadBatch
        default: nil
        }
    }

    /// The URL path, such as `/v1/fleet/pull-messages`.
    public var path: String { "/v1/fleet/\(rawValue)" }

    /// The RPC served at `path`, or `nil` when no RPC lives there.
    public init?(path: String) {
        let prefix = "/v1/fleet/"
        guard path.hasPrefix(prefix) else { return nil }
        self.init(rawValue: String(path.dropFirst(prefix.count)))
    }

    /// The media type of request and response bodies.
    public static let contentType = "application/protobuf"
}
