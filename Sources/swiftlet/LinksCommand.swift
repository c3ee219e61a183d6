import ArgumentParser
import Foundation
import SwiftletNN
import SwiftletSimulation

/// `swiftlet links`: which zoo models are practical over which radios — one round trip, model down, update up.
struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Frames, airtime, time and radio energy of one model round trip per zoo model and link.",
        discussion: """
        The model goes down and the update comes back as float32 (4 bytes per parameter; `swiftlet bench \
        codecs --lorawan` prices compressed updates). Figures are expected values (mean frame losses): LoRaWAN per Semtech AN1200.13 \
        with EU868's 1% duty cycle and Class A downlinks, BLE, NB-IoT, LTE and Wi-Fi with the typical figures \
        documented in SwiftletSimulation. Time includes duty-cycle waits between frames and before the upload.
        """
    )

    @Option(help: "Zoo models, comma-separated (default: all).")
    var models = ModelPreset.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Write the table as JSON here.")
    var json: String?

    func run() throws {
        let presets = try models.split(separator: ",").map { name in
            guard let preset = ModelPreset(rawValue: String(name)) else {
                throw ValidationError("unknown model '\(name)'; choose from \(ModelPreset.allCases.map(\.rawValue))")
            }
            return preset
        }
        let links: [any Link] = [
            try LoRaWANLink(region: .eu868, dataRate: 5), try LoRaWANLink(region: .eu868, dataRate: 0),
            PacketLink.ble, PacketLink.nbIoT, PacketLink.lte, PacketLink.wifi,
        ]
        struct Row: Codable {
            var model: String
            var parameters: Int
            var link: String
            var bytes: Int
            var uplinkFrames: Int
            var downlinkFrames: Int
            var airtimeSeconds: Double
            var communicationSeconds: Double
            var energyJoules: Double
        }
        var rows: [Row] = []
        print("model     parameters  link                             up frames  down frames     airtime  round trip     energy")
        for preset in presets {
            let parameters = try Sequential(preset: preset, seed: 0).parameterCount
            let bytes = parameters * MemoryLayout<Float>.size
            for link in links {
                let cost = UpdateLinkCost(link: link, modelBytes: bytes, updateBytes: bytes)
                let airtime = cost.downlink.airtime + cost.uplink.airtime
                rows.append(Row(model: preset.rawValue, parameters: parameters, link: cost.link, bytes: bytes,
                                uplinkFrames: cost.uplink.frames, downlinkFrames: cost.downlink.frames,
                                airtimeSeconds: airtime, communicationSeconds: cost.communicationSeconds,
                                energyJoules: cost.energy))
                print(pad(preset.rawValue, 9) + lpad(parameters.formatted(), 12) + "  " + pad(cost.link, 33)
                      + lpad(cost.uplink.frames.formatted(), 11) + lpad(cost.downlink.frames.formatted(), 13)
                      + lpad(Self.duration(airtime), 12) + lpad(Self.duration(cost.communicationSeconds), 12)
                      + lpad(String(format: "%.3g J", cost.energy), 11))
            }
        }
        if let json { try writeJSON(rows, to: json) }
    }


    /// Seconds in the largest unit that keeps the number readable.
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<1: String(format: "%.0f ms", seconds * 1000)
        case ..<120: String(format: "%.1f s", seconds)
        case ..<7_200: String(format: "%.1f min", seconds / 60)
        case ..<172_800: String(format: "%.1f h", seconds / 3600)
        default: String(format: "%.1f days", seconds / 86_400)
        }
    }
}
