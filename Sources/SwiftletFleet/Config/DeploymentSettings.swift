import SwiftletFleetProtocol

/// The `[deployment]` table of a server config: where the server listens, where it keeps its state, and how it
/// secures and limits the fleet protocol.
///
/// Everything else in the file (`rounds`, `[model]`, `[strategy]`, `[server]`, `[client]`, `[data]`) has the
/// meaning it has for `swiftlet simulate`, so a simulated experiment and its deployment share one file.
/// Relative paths are relative to the working directory, as the simulator's `data.path` is.
public struct DeploymentSettings: Sendable, Equatable {
    /// The address to listen on (`0.0.0.0` for every interface).
    public var host = "127.0.0.1"
    /// The TCP port (Flower's Fleet API listens on 9092 too); 0 picks a free one.
    public var port = 9092
    /// The SQLite file holding nodes, runs, rounds, messages, objects and checkpoints.
    public var database = "swiftlet-fleet.sqlite"
    /// The run's name: a restarted server resumes the unfinished run with this name.
    public var runName = "default"
    /// How arrays travel: the whole model packed in one array (fewest requests), one compact float32 array
    /// per tensor, or NumPy `.npy` (what Flower peers expect).
    public var encoding: ArrayEncoding = .swiftletPacked
    /// How long an instruction stays deliverable, in seconds.
    public var instructionTTL = 3_600.0
    /// How long a node that stopped heart-beating keeps its place in a round, in seconds.
    public var nodeGrace = 60.0
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes = 16 << 20
    /// The largest single object accepted, in bytes.
    public var maxObjectBytes = 16 << 20
    /// The most bytes of deleted objects' files the server keeps to reuse for the next uploads; 0 keeps none.
    public var spareFileBytes = 1 << 30
    /// Whether the server writes a round's worth of spare files before it serves, when the object folder has
    /// fewer: `per-round` files the size of the model in float32, within ``spareFileBytes``. A fresh
    /// deployment's first round then costs what later rounds do, at the price of writing them once at start.
    public var prepareSpareFiles = true
    /// How long one HTTP request may take, in seconds.
    public var requestTimeout = 30.0
    /// Whether `GET /metrics` serves Prometheus metrics.
    public var metrics = true
    /// Where the run's history and summary are written.
    public var results = "results/fleet"
    /// TLS: the server's certificate chain and key, and optionally the CA that client certificates must chain to.
    public var tls: TLSFiles?
    /// The allow-list of node public keys; nil accepts unsigned requests (development only).
    public var authorizedKeys: String?

    /// PEM files for TLS.
    public struct TLSFiles: Sendable, Equatable {
        /// The server's certificate chain (PEM).
        public var certificate: String
        /// The server's private key (PEM).
        public var privateKey: String
        /// When set, clients must present a certificate issued by this CA (PEM).
        public var clientCA: String?

        /// Creates TLS settings from file paths.
        public init(certificate: String, privateKey: String, clientCA: String? = nil) {
            self.certificate = certificate
            self.privateKey = privateKey
            self.clientCA = clientCA
        }
    }

    /// The defaults: loopback on port 9092, `swiftlet-fleet.sqlite`, Swiftlet encoding, no TLS, no allow-list.
    public init() {}
}
