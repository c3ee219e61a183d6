/// What one federated round trip of a model costs over a link: the model down, the update up.
///
/// The question an edge deployment asks first — is this model practical over this radio? — answered from the
/// real encoded sizes with each link's expected (mean-loss) transfers. Pass the size of the update as its
/// codec writes it (``SwiftletFederated/CompressedCodec``; `swiftlet bench codecs --lorawan` tabulates them).
public struct UpdateLinkCost: Sendable, Equatable {
    /// The link's name.
    public var link: String
    /// Bytes the server sends (the model).
    public var modelBytes: Int
    /// Bytes the device sends back (its update).
    public var updateBytes: Int
    /// The download.
    public var downlink: Transfer
    /// The upload.
    public var uplink: Transfer

    /// Prices a round trip of `modelBytes` down and `updateBytes` up over `link`.
    public init(link: some Link, modelBytes: Int, updateBytes: Int) {
        self.link = link.name
        self.modelBytes = modelBytes
        self.updateBytes = updateBytes
        downlink = link.expectedTransfer(bytes: modelBytes, direction: .downlink)
        uplink = link.expectedTransfer(bytes: updateBytes, direction: .uplink)
    }

    /// Seconds from the first downlink frame to the last uplink frame, duty-cycle waits included: the
    /// device may not start uploading before the download's duty-cycle off-time has passed.
    public var communicationSeconds: Double {
        downlink.wallTime + downlink.backoffAfter + uplink.wallTime
    }

    /// Radio energy of both transfers, joules.
    public var energy: Double { downlink.energy + uplink.energy }
}
