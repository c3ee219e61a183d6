import ArgumentParser
import Foundation
import SwiftletFleet
import SwiftletFleetProtocol

/// `swiftlet-fleet keys`: node keys for signed requests.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create and show node keys (ECDSA P-256 or P-384) for signed fleet requests.",
        subcommands: [Generate.self, Show.self]
    )

    /// `keys generate`: a new private key file and its public key line for the server's allow-list.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a node key: writes the private key (PEM, mode 0600) and prints the public key line.",
            discussion: """
            Append the printed line (also written to <output>.pub) to the server's authorized-keys file. \
            Flower's `ssh-keygen -t ecdsa -b 384` keys work too.
            """
        )

        @Option(help: "The curve: p256 or p384 (Flower's default).")
        var curve: String = "p384"

        @Option(name: .shortAndLong, help: "The private key file to write.")
        var output: String

        @Flag(help: "Replace an existing key file.")
        var force = false

        func run() throws {
            guard let chosen = NodeKeyCurve.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "-", with: "").lowercased() == curve.lowercased().replacingOccurrences(of: "-", with: "") }) else {
                throw ValidationError("--curve \(curve): expected p256 or p384")
            }
            if FileManager.default.fileExists(atPath: output), !force {
                throw ValidationError("\(output) exists; pass --force to replace it")
            }
            let key = NodeKey.generate(chosen)
            try key.write(to: URL(fileURLWithPath: output))
            let line = key.publicKey.openSSHRepresentation
            try (line + "\n").write(toFile: output + ".pub", atomically: true, encoding: .utf8)
            print(line)
        }
    }

    /// `keys show`: the public key and fingerprint of a private key file.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the public key line and fingerprint of a private key file.")

        @Argument(help: "A private key file (PEM PKCS#8 or SEC1, or OpenSSH).")
        var file: String

        func run() throws {
            let key = try NodeKeyFile.load(file)
            print(key.publicKey.openSSHRepresentation)
            print(key.publicKey.description)
        }
    }
}
