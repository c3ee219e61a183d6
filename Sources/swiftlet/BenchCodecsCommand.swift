import ArgumentParser
import Foundation
import SwiftletBenchmarks
import SwiftletNN

/// `swiftlet bench codecs`: update compression — speed and ratio per codec (numpy beside it), accuracy
/// against uplink bytes, and what an update costs over LoRaWAN.
struct BenchCodecsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codecs",
        abstract: "Codec throughput (GB/s of float32, one thread), compression ratio and error; --accuracy, --lorawan.",
        discussion: """
            Default: encode and decode throughput, compression ratio and relative error of each codec on \
            seeded normal deltas the size of 2nn (199,210) and cnn (1,663,370) updates, one thread, with numpy \
            doing the equivalent operations in the same run (--peer; needs python3 and numpy). \
            --accuracy runs configs/codecs-*.toml (MNIST lenet5, 100 non-IID clients, 50 rounds, one codec \
            each) and tabulates uplink bytes, ratio against float32 and final accuracy. --lorawan prints, per \
            zoo model and codec, the frames, airtime and duty-cycle time of one update at EU868 DR5 and DR0.
            """
    )

    @Option(help: "Codec specifications, comma-separated (default: a representative set).")
    var codecs: String?

    @Option(help: "Vector lengths, comma-separated.")
    var sizes = "199210,1663370"

    @Option(help: "Timed runs per figure (the best is reported).")
    var repeats = 5

    @Flag(help: "Also run numpy's equivalent operations (bench/peers/codecs_numpy.py).")
    var peer = false

    @Flag(help: "Run the accuracy-versus-bytes configs instead.")
    var accuracy = false

    @Option(help: "Config files for --accuracy, comma-separated (default: configs/codecs-*.toml, sorted).")
    var configs: String?

    @Flag(help: "Print the LoRaWAN table instead.")
    var lorawan = false

    @Option(help: "Write the JSON report here (default: bench/results/codecs[-accuracy|-lorawan].json).")
    var json: String?

    func run() async throws {
        if accuracy { return try await runAccuracy() }
        if lorawan { return try runLoRaWAN() }
        let lengths = try sizes.split(separator: ",").map { part in
            guard let n = Int(part), (1...(1 << 28)).contains(n) else { throw ValidationError("invalid size '\(part)' (1...\(1 << 28))") }
            return n
        }
        guard (1...100).contains(repeats) else { throw ValidationError("--repeats must be in 1...100") }
        let specs = codecs.map { $0.split(separator: ",").map(String.init) } ?? CodecBenchmark.defaultCodecs
        let benchmark = CodecBenchmark(codecs: specs, sizes: lengths, repeats: repeats)
        print("Codecs, one thread; GB/s of float32 (input for encode, output for decode); ratio = float32 bytes ÷ encoded")
        print(pad("codec", 22) + lpad("parameters", 11) + lpad("bytes", 11) + lpad("ratio", 9) + lpad("encode", 12)
              + lpad("decode", 12) + lpad("rel. error", 12) + lpad("index bits", 12))
        let rows = try benchmark.run()
        for row in rows {
            print(pad(row.codec, 22) + lpad(row.parameters.formatted(), 11) + lpad(row.bytes.formatted(), 11)
                  + lpad(String(format: "%.1f×", row.ratio), 9)
                  + lpad(String(format: "%.2f GB/s", row.encodeGigabytesPerSecond), 12)
                  + lpad(String(format: "%.2f GB/s", row.decodeGigabytesPerSecond), 12)
                  + lpad(String(format: "%.2e", row.relativeError), 12)
                  + lpad(row.indexBitsPerKept.map { String(format: "%.2f", $0) } ?? "", 12))
        }
        var peerRows: [CodecPeerRow] = []
        if peer {
            struct Report: Codable { var peer: String; var version: String; var results: [CodecPeerRow] }
            let report = try PeerRunner.run(script: "codecs_numpy.py", arguments: ["--sizes"] + lengths.map(String.init)
                                            + ["--repetitions", String(repeats)], as: Report.self)
            print("\nnumpy \(report.version), same sizes, same timing; ratio = Swiftlet ÷ numpy")
            print(pad("codec", 22) + lpad("parameters", 11) + lpad("numpy enc", 12) + lpad("numpy dec", 12)
                  + lpad("enc ratio", 11) + lpad("dec ratio", 11))
            for var row in report.results {
                let name = row.codec == "u8:256" ? "u8" : row.codec
                if let ours = rows.first(where: { $0.codec == name && $0.parameters == row.size }) {
                    row.encodeRatio = ours.encodeGigabytesPerSecond / row.encodeGbps
                    row.decodeRatio = ours.decodeGigabytesPerSecond / row.decodeGbps
                }
                peerRows.append(row)
                print(pad(row.codec, 22) + lpad(row.size.formatted(), 11)
                      + lpad(String(format: "%.2f GB/s", row.encodeGbps), 12) + lpad(String(format: "%.2f GB/s", row.decodeGbps), 12)
                      + lpad(row.encodeRatio.map { String(format: "%.1f×", $0) } ?? "–", 11)
                      + lpad(row.decodeRatio.map { String(format: "%.1f×", $0) } ?? "–", 11))
            }
        }
        struct Output: Codable { var date: String; var machine: MachineInfo; var codecs: [CodecMeasurement]; var numpy: [CodecPeerRow] }
        let path = json ?? "bench/results/codecs.json"
        try writeJSON(Output(date: ISO8601DateFormatter().string(from: Date()), machine: .current(), codecs: rows, numpy: peerRows), to: path)
        print("wrote \(path)")
    }

    func runAccuracy() async throws {
        let paths: [String]
        if let configs {
            paths = configs.split(separator: ",").map(String.init)
        } else {
            let directory = "configs"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            paths = names.filter { $0.hasPrefix("codecs-") && $0.hasSuffix(".toml") }.sorted().map { "\(directory)/\($0)" }
        }
        guard !paths.isEmpty else { throw ValidationError("no configs/codecs-*.toml here; run from the repository root or pass --configs") }
        let rows = try await CodecAccuracyBenchmark(configPaths: paths).run { print($0) }
        print("")
        print(pad("uplink codec", 22) + pad(" feedback", 10) + pad("downlink", 10) + lpad("uplink MB", 11) + lpad("ratio", 9)
              + lpad("downlink MB", 13) + lpad("accuracy", 10) + lpad("Δ pp", 8))
        for row in rows {
            print(pad(row.uplinkCodec, 22) + pad(row.errorFeedback ? " on" : " off", 10) + pad(row.downlinkCodec, 10)
                  + lpad(String(format: "%.2f", Double(row.uploadBytes) / 1e6), 11)
                  + lpad(row.uplinkRatio.map { String(format: "%.1f×", $0) } ?? "", 9)
                  + lpad(String(format: "%.2f", Double(row.downloadBytes) / 1e6), 13)
                  + lpad(String(format: "%.2f%%", 100 * row.finalAccuracy), 10)
                  + lpad(row.accuracyDeltaPoints.map { String(format: "%+.2f", $0) } ?? "", 8))
        }
        struct Output: Codable { var date: String; var machine: MachineInfo; var runs: [CodecAccuracyRow] }
        let path = json ?? "bench/results/codecs-accuracy.json"
        try writeJSON(Output(date: ISO8601DateFormatter().string(from: Date()), machine: .current(), runs: rows), to: path)
        print("wrote \(path)")
    }

    func runLoRaWAN() throws {
        let specs = codecs.map { $0.split(separator: ",").map(String.init) } ?? CodecLinkTable.defaultCodecs
        let rows = try CodecLinkTable.rows(models: ModelPreset.allCases, codecs: specs, links: try CodecLinkTable.defaultLinks())
        print("One update over LoRaWAN (expected transfers, 13 bytes of overhead per frame, EU868 1% duty cycle)")
        print(pad("model", 10) + lpad("parameters", 11) + "  " + pad("codec", 16) + lpad("bytes", 11) + "  "
              + pad("link", 30) + lpad("frames", 9) + lpad("airtime", 11) + lpad("duty-cycle time", 17))
        for row in rows {
            print(pad(row.model, 10) + lpad(row.parameters.formatted(), 11) + "  " + pad(row.codec, 16)
                  + lpad(row.bytes.formatted(), 11) + "  " + pad(row.link, 30) + lpad(row.frames.formatted(), 9)
                  + lpad(LinksCommand.duration(row.airtimeSeconds), 11) + lpad(LinksCommand.duration(row.dutyCycleSeconds), 17))
        }
        struct Output: Codable { var date: String; var rows: [CodecLinkRow] }
        let path = json ?? "bench/results/codecs-lorawan.json"
        try writeJSON(Output(date: ISO8601DateFormatter().string(from: Date()), rows: rows), to: path)
        print("wrote \(path)")
    }
}

/// One row of bench/peers/codecs_numpy.py's report, with Swiftlet's speed ratio once compared.
struct CodecPeerRow: Codable {
    var codec: String
    var size: Int
    var encodeGbps: Double
    var decodeGbps: Double
    var encodeRatio: Double?
    var decodeRatio: Double?

    enum CodingKeys: String, CodingKey {
        case codec, size
        case encodeGbps = "encode_gbps"
        case decodeGbps = "decode_gbps"
        case encodeRatio = "encode_ratio"
        case decodeRatio = "decode_ratio"
    }
}
