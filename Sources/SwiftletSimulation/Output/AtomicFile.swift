#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Directory creation and atomic file replacement on POSIX calls, so a failure reports the operating
/// system's own reason ("Not a directory", "Permission denied", "No space left on device") and the path.
enum AtomicFile {
    /// Creates `path` and any missing parents as directories (like `mkdir -p`).
    ///
    /// - Throws: ``SimulationOutputError/notADirectory(path:)`` when `path` or one of its parents exists and is
    ///   not a directory, ``SimulationOutputError/cannotCreateDirectory(path:reason:)`` naming the part that
    ///   could not be made.
    static func makeDirectories(_ path: String) throws(SimulationOutputError) {
        if let isDirectory = isDirectory(path) {
            guard isDirectory else { throw .notADirectory(path: path) }
            return
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            switch isDirectory(prefix) {
            case true?: continue
            case false?: throw .notADirectory(path: prefix)
            case nil: break
            }
            if mkdir(prefix, 0o755) != 0 && !(errno == EEXIST && isDirectory(prefix) == true) {
                throw .cannotCreateDirectory(path: prefix, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Replaces the file at `path` with `text`: written to a temporary file beside it, then renamed over it,
    /// so readers see the old file or the new one, never a part.
    ///
    /// - Throws: ``SimulationOutputError/cannotWrite(path:reason:)``.
    static func write(_ text: String, to path: String) throws(SimulationOutputError) {
        let temporary = path + ".partial-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: String(cString: strerror(failure)))
        }
    }

    /// Whether `path` is a directory (following links), or `nil` when nothing is there.
    private static func isDirectory(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (status.st_mode & S_IFMT) == S_IFDIR
    }
}

/// POSIX `write(2)`, named apart from ``AtomicFile/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
