import SwiftletFederated
import SwiftletNN
import SwiftletSimulation
import SwiftletTensor

/// What one compressed update costs over LoRaWAN, per zoo model and codec: frames, time on air and the
/// time the duty cycle imposes — which models are practical over which links.
///
/// Update sizes are real encodings of a seeded normal delta with each model's parameter count (a
/// sparsifier's index bytes depend on the count); the link figures are ``SwiftletSimulation/LoRaWANLink``'s
/// expected transfers (Semtech AN1200.13 time on air, 13 bytes of LoRaWAN overhead per frame, the
/// region's duty cycle). "Duty-cycle time" is the time from the first frame until the device may transmit
/// again: every frame's airtime plus its off-time, `airtime ÷ duty cycle` at EU868's 1%.
public enum CodecLinkTable {
    /// The codecs of the table by default.
    public static let defaultCodecs = ["f32le", "f16", "u8", "qsgd:2", "sign", "topk:0.01+u8", "topk:0.001+u8"]

    /// The links of the table by default: EU868 DR5 (SF7) and DR0 (SF12).
    public static func defaultLinks() throws -> [LoRaWANLink] {
        [try LoRaWANLink(region: .eu868, dataRate: 5), try LoRaWANLink(region: .eu868, dataRate: 0)]
    }

    /// A row per model, codec and link.
    public static func rows(models: [ModelPreset], codecs: [String], links: [LoRaWANLink]) throws -> [CodecLinkRow] {
        var rows: [CodecLinkRow] = []
        for preset in models {
            let parameters = try Sequential(preset: preset, seed: 0).parameterCount
            var generator = SeededGenerator(seed: UInt64(parameters))
            let delta = (0..<parameters).map { _ in generator.nextNormal() * 0.01 }
            for spec in codecs {
                let codec = try CodecRegistry.codec(specification: spec)
                let bytes = delta.withUnsafeBufferPointer { codec.encode($0, seed: 1).count }
                for link in links {
                    let transfer = link.expectedTransfer(bytes: bytes, direction: .uplink)
                    rows.append(CodecLinkRow(model: preset.rawValue, parameters: parameters, codec: spec, bytes: bytes,
                                             link: link.name, frames: transfer.frames, airtimeSeconds: transfer.airtime,
                                             dutyCycleSeconds: transfer.wallTime + transfer.backoffAfter))
                }
            }
        }
        return rows
    }
}

/// One model's update, through one codec, over one link.
public struct CodecLinkRow: Sendable, Codable, Equatable {
    /// The zoo model.
    public var model: String
    /// Its parameter count.
    public var parameters: Int
    /// The codec specification.
    public var codec: String
    /// Encoded update bytes.
    public var bytes: Int
    /// The link's name.
    public var link: String
    /// Uplink frames.
    public var frames: Int
    /// Time on air, seconds.
    public var airtimeSeconds: Double
    /// Time until the device may transmit again after the update, duty-cycle waits included, seconds.
    public var dutyCycleSeconds: Double
}
