import SwiftletTensor

extension SeededGenerator {
    /// Fills `buffer` with standard normal samples, using both values of each Marsaglia polar pair.
    ///
    /// ``SeededGenerator/nextNormal()`` returns one value per accepted pair; synthetic data needs hundreds of
    /// normals per sample, so keeping the second halves the work. Marsaglia & Bray, "A convenient method for
    /// generating normal variables", SIAM Review 6(3), 1964. Logarithms come from ``PortableMath`` so the values
    /// are the same on every platform.
    mutating func fillStandardNormals(_ buffer: UnsafeMutableBufferPointer<Float>) {
        var index = 0
        while index < buffer.count {
            let u = Double(next() >> 11) * 0x1p-53 * 2 - 1
            let v = Double(next() >> 11) * 0x1p-53 * 2 - 1
            let s = u * u + v * v
            guard s > 0 && s < 1 else { continue }
            let factor = (-2 * PortableMath.log(s) / s).squareRoot()
            buffer[index] = Float(u * factor)
            if index + 1 < buffer.count { buffer[index + 1] = Float(v * factor) }
            index += 2
        }
    }

    /// `count` standard normal samples (see ``fillStandardNormals(_:)``).
    mutating func standardNormals(_ count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { fillStandardNormals($0) }
        return values
    }
}
