import Foundation

/// The server's allow-list of node public keys: only requests signed by one of these are served.
///
/// The file (UTF-8 text) holds any mix of:
/// - OpenSSH public-key lines, `ecdsa-sha2-nistp256 AAAA… [comment]` or `ecdsa-sha2-nistp384 …`: what
///   `ssh-keygen -t ecdsa` writes and Flower 1.40's `flwr supernode register` reads;
/// - several OpenSSH keys on one line separated by commas: the CSV that earlier Flower SuperLinks read with
///   `--auth-list-public-keys`;
/// - PEM `PUBLIC KEY` blocks (SubjectPublicKeyInfo), what `openssl ec -pubout` writes and Flower's
///   `public_key_to_bytes` produces;
/// - a single base64 token: the value of a node's `flwr-public-key` header (base64 of the PEM block), or
///   the base64 of a DER SubjectPublicKeyInfo.
///
/// Blank lines and lines starting with `#` are ignored; a key listed twice counts once. Only P-256 and
/// P-384 keys are accepted. An empty list is valid and forbids every node.
public struct AuthorizedKeys: Sendable, Equatable {
    /// The allowed keys.
    public private(set) var keys: Set<NodePublicKey>

    /// An allow-list of `keys`.
    public init(_ keys: some Sequence<NodePublicKey>) {
        self.keys = Set(keys)
    }

    /// Whether `key` is allowed.
    public func contains(_ key: NodePublicKey) -> Bool { keys.contains(key) }

    /// The number of distinct keys.
    public var count: Int { keys.count }

    /// Parses allow-list text; `path` only names the source in errors.
    /// - Throws: ``AuthorizedKeysError`` naming the first bad line.
    public init(parsing text: String, path: String? = nil) throws(AuthorizedKeysError) {
        var keys = Set<NodePublicKey>()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var index = 0
        while index < lines.count {
            let line = lines[index], number = index + 1
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> AuthorizedKeysError {
                AuthorizedKeysError(path: path, line: number, message: message)
            }
            if line.hasPrefix("-----BEGIN ") {
                guard let end = lines[index...].firstIndex(where: { $0.hasPrefix("-----END ") }) else {
                    throw fail("the PEM block has no END line")
                }
                let block = lines[(index - 1)...end].joined(separator: "\n")
                do { keys.insert(try NodePublicKey(pemRepresentation: block)) } catch {
                    throw fail(error.message)
                }
                index = end + 1
            } else if line.hasPrefix("ecdsa-") || line.hasPrefix("ssh-") || line.contains(" ") {
                let cells = Self.isCSVOfKeys(line) ? line.split(separator: ",").map(String.init) : [line]
                for cell in cells {
                    do { keys.insert(try NodePublicKey(openSSH: cell.trimmingCharacters(in: .whitespaces))) } catch {
                        throw fail(error.message)
                    }
                }
            } else {
                do { keys.insert(try Self.base64Key(line)) } catch { throw fail(error.message) }
            }
        }
        self.keys = keys
    }

    /// Reads an allow-list file.
    /// - Throws: ``AuthorizedKeysError`` naming the file, and the line of a bad entry.
    public init(contentsOf url: URL) throws(AuthorizedKeysError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AuthorizedKeysError(path: url.path, line: nil, message: "cannot read the allow-list: \(error.localizedDescription)")
        }
        try self.init(parsing: text, path: url.path)
    }

    /// The list as a file this type reads back: one OpenSSH line per key, sorted, after a header comment.
    public var fileText: String {
        "# Swiftlet node allow-list: one OpenSSH ECDSA public key per line.\n"
            + keys.map(\.openSSHRepresentation).sorted().map { $0 + "\n" }.joined()
    }

    /// Whether `line` is comma-separated OpenSSH keys (and not one key whose comment has a comma).
    private static func isCSVOfKeys(_ line: String) -> Bool {
        let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return cells.count > 1 && cells.allSatisfy { $0.hasPrefix("ecdsa-") || $0.hasPrefix("ssh-") }
    }

    /// A key from one base64 token: a `flwr-public-key` header value or a DER SubjectPublicKeyInfo.
    private static func base64Key(_ token: String) throws(KeyFormatError) -> NodePublicKey {
        guard let data = Data(base64Encoded: token) else {
            throw KeyFormatError("not an OpenSSH key, a PEM block or base64 of a public key")
        }
        let bytes = Array(data)
        if let key = try? NodePublicKey(flowerBytes: bytes) { return key }
        do { return try NodePublicKey(derRepresentation: bytes) } catch {
            throw KeyFormatError("base64 that decodes to neither a PEM nor a DER P-256/P-384 public key")
        }
    }
}
