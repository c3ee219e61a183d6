import SwiftletTensor

extension LoRaWANLink {
    public func transfer(bytes: Int, direction: LinkDirection, generator: inout SeededGenerator) -> Transfer {
        let (full, last) = frameCounts(bytes: bytes, direction: direction)
        let fullAttempts = Double(FrameLoss.drawAttempts(frames: full, loss: loss, generator: &generator))
        let lastAttempts = Double(FrameLoss.drawAttempts(frames: last > 0 ? 1 : 0, loss: loss, generator: &generator))
        return cost(bytes: bytes, direction: direction, fullAttempts: fullAttempts, lastAttempts: lastAttempts)
    }

    public func expectedTransfer(bytes: Int, direction: LinkDirection) -> Transfer {
        let (full, last) = frameCounts(bytes: bytes, direction: direction)
        let perFrame = FrameLoss.expectedAttemptsPerFrame(loss: loss)
        return cost(bytes: bytes, direction: direction, fullAttempts: Double(full) * perFrame,
                    lastAttempts: last > 0 ? perFrame : 0)
    }

    /// Full frames before the last one, and the last frame's payload (0 when nothing is sent).
    func frameCounts(bytes: Int, direction: LinkDirection) -> (full: Int, last: Int) {
        guard bytes > 0 else { return (0, 0) }
        let perFrame = payloadPerFrame(direction)
        let frames = (bytes + perFrame - 1) / perFrame
        return (frames - 1, bytes - (frames - 1) * perFrame)
    }

    /// The transfer with the given attempts at full frames and at the last frame, sent in that order.
    func cost(bytes: Int, direction: LinkDirection, fullAttempts: Double, lastAttempts: Double) -> Transfer {
        let (full, last) = frameCounts(bytes: bytes, direction: direction)
        guard last > 0 else { return .empty(direction) }
        let frames = full + 1
        let perFrame = payloadPerFrame(direction)
        let attempts = fullAttempts + lastAttempts
        let overhead = Double(frameOverhead)
        let dataBytes = fullAttempts * Double(perFrame + frameOverhead) + lastAttempts * Double(last + frameOverhead)
        switch direction {
        case .uplink:
            let fullTime = uplinkTimeOnAir(payload: perFrame), lastTime = uplinkTimeOnAir(payload: last)
            let transmit = fullAttempts * fullTime + lastAttempts * lastTime
            // Every transmission but the final one is followed by its duty-cycle silence.
            let wall = transmit + offTime(after: transmit) - offTime(after: lastTime)
            return Transfer(direction: .uplink, payloadBytes: bytes, frames: frames, retransmissions: attempts - Double(frames),
                            bytesOnAir: dataBytes, transmitTime: transmit, receiveTime: 0, wallTime: wall,
                            backoffAfter: offTime(after: lastTime), energy: radio.energy(transmit: transmit, receive: 0))
        case .downlink:
            // Each downlink attempt: an empty opener uplink, the RX1 delay, the downlink frame.
            let opener = uplinkTimeOnAir(payload: 0)
            let fullTime = downlinkTimeOnAir(payload: perFrame), lastTime = downlinkTimeOnAir(payload: last)
            let transmit = attempts * opener
            let receive = fullAttempts * fullTime + lastAttempts * lastTime
            // The next opener may go once the duty-cycle silence after this one has passed and the frame is in.
            let silence = offTime(after: opener)
            let fullCycle = max(silence, receiveDelay + fullTime)
            let lastCycle = max(silence, receiveDelay + lastTime)
            let wall = transmit + fullAttempts * fullCycle + (lastAttempts - 1) * lastCycle + receiveDelay + lastTime
            return Transfer(direction: .downlink, payloadBytes: bytes, frames: frames, retransmissions: attempts - Double(frames),
                            bytesOnAir: dataBytes + attempts * overhead, transmitTime: transmit, receiveTime: receive,
                            wallTime: wall, backoffAfter: max(0, silence - receiveDelay - lastTime),
                            energy: radio.energy(transmit: transmit, receive: receive))
        }
    }
}
