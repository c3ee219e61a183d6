@testable import SwiftletData

/// Little-endian bytes of a 32-bit value.
func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
/// Little-endian bytes of a 16-bit value.
func le16(_ value: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] }

/// A `fmt ` chunk with every header field given explicitly.
func fmtChunk(tag: UInt16 = 1, channels: UInt16 = 1, rate: UInt32 = 16_000, bits: UInt16 = 16) -> [UInt8] {
    let blockAlign = channels * bits / 8
    return Array("fmt ".utf8) + le32(16) + le16(tag) + le16(channels) + le32(rate)
        + le32(rate * UInt32(blockAlign)) + le16(blockAlign) + le16(bits)
}

/// A `data` chunk holding `samples` as 16-bit little-endian PCM.
func dataChunk(_ samples: [Int16]) -> [UInt8] {
    Array("data".utf8) + le32(UInt32(samples.count * 2)) + samples.flatMap { le16(UInt16(bitPattern: $0)) }
}

/// A RIFF/WAVE file of `chunks`, with the RIFF size field computed exactly.
func riff(_ chunks: [UInt8]...) -> [UInt8] {
    let body = chunks.flatMap { $0 }
    return Array("RIFF".utf8) + le32(UInt32(4 + body.count)) + Array("WAVE".utf8) + body
}

/// The reason a WAV parse failed with, or `nil` if it succeeded.
func wavFailure(_ bytes: [UInt8], sampleRate: Int? = nil) -> WAVError? {
    do { _ = try WAVAudio(bytes: bytes, file: "clip.wav", sampleRate: sampleRate) } catch { return error }
    return nil
}
