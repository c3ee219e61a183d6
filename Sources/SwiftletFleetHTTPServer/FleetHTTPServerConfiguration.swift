import SwiftletFleetProtocol

/// How a ``FleetHTTPServer`` listens, what it accepts and how it secures the connection.
public struct FleetHTTPServerConfiguration: Sendable {
    /// PEM material for HTTPS.
    public struct TLS: Sendable {
        /// The server's certificate chain, PEM (leaf first).
        public var certificateChainPEM: String
        /// The server's private key, PEM.
        public var privateKeyPEM: String
        /// When set, clients must present a certificate issued by one of these CAs (PEM); otherwise none is asked.
        public var clientCAPEM: String?

        /// Creates TLS settings.
        public init(certificateChainPEM: String, privateKeyPEM: String, clientCAPEM: String? = nil) {
            self.certificateChainPEM = certificateChainPEM
            self.privateKeyPEM = privateKeyPEM
            self.clientCAPEM = clientCAPEM
        }
    }

    /// The host or address to bind.
    public var host: String
    /// The port to bind; 0 lets the system choose (see ``FleetHTTPServer/boundPort()``).
    public var port: Int
    /// The largest request body accepted; larger bodies get 413 without being read into memory.
    public var maxBodyBytes: Int
    /// HTTPS settings; `nil` serves plain HTTP.
    public var tls: TLS?
    /// Checks the signature headers of every Fleet API request; `nil` serves every caller as anonymous.
    public var authenticator: (any RequestAuthenticating)?
    /// Whether `GET /metrics` is served.
    public var metricsEnabled: Bool
    /// The longest a handler may take before the request is answered with 503.
    public var requestTimeout: Duration

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 0, maxBodyBytes: Int = 16 << 20, tls: TLS? = nil,
        authenticator: (any RequestAuthenticating)? = nil, metricsEnabled: Bool = true,
        requestTimeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.tls = tls
        self.authenticator = authenticator
        self.metricsEnabled = metricsEnabled
        self.requestTimeout = requestTimeout
    }
}
