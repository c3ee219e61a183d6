/// A message as Flower's fleet moves it: metadata plus either content or an error.
public struct FleetMessage: Sendable, Equatable {
    /// What the message carries.
    public enum Body: Sendable, Equatable {
        /// Records (an instruction or a reply).
        case content(RecordDict)
        /// An error reply.
        case error(Flwr_Proto_Error)
    }

    /// The metadata; `messageID` is ignored when deflating (it becomes the object id) and checked on inflate.
    public var metadata: Flwr_Proto_Metadata
    /// Content or error.
    public var body: Body

    /// Creates a message.
    public init(metadata: Flwr_Proto_Metadata, body: Body) {
        self.metadata = metadata
        self.body = body
    }
}
