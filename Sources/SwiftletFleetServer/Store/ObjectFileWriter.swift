import Foundation

/// Writes an object's bytes to a file: the one write path of ``ObjectFiles``, for saves in place and for
/// staged uploads.
enum ObjectFileWriter {
    /// Writes `bytes` to `file`, creating it when `create` is set; a reused file (`create` unset) is cut to
    /// `bytes.count`, since it may be longer.
    /// - Throws: ``FleetStoreError`` naming `file` and what failed.
    static func write(_ bytes: [UInt8], to file: String, create: Bool) throws(FleetStoreError) {
        let fd = open(file, O_WRONLY | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0), 0o644)
        guard fd >= 0 else { throw FleetStoreError("cannot open \(file) for writing: \(lastError())") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + written, $0.count - written, off_t(written)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw FleetStoreError("cannot write \(file): \(lastError())") }
            written += n
        }
        if !create, ftruncate(fd, off_t(bytes.count)) != 0 {
            throw FleetStoreError("cannot cut \(file) to \(bytes.count) bytes: \(lastError())")
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
