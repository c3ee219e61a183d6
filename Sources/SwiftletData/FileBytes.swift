import Foundation

/// Reads whole files into memory for the parsers, refusing files larger than a caller's limit up front.
enum FileBytes {
    /// Why a file could not be read; its description is a short human-readable reason.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The largest plausible gzip file whose output is at most `output` bytes: stored blocks add 5 bytes per
    /// 64 KiB, and a megabyte more covers member headers.
    static func compressedLimit(forOutput output: Int) -> Int {
        let (limit, overflow) = (output / 8192 * 8193).addingReportingOverflow(1 << 20)
        return overflow ? Int.max : limit
    }

    /// The bytes of the file at `path`, if it exists, is a regular file and holds at most `limit` bytes.
    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(description: "no such file")
        }
        guard !isDirectory.boolValue else { throw Failure(description: "is a directory") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > Int64(limit) {
            throw Failure(description: "file is \(size.int64Value) bytes, more than the limit of \(limit)")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= limit else {
                throw Failure(description: "file is \(data.count) bytes, more than the limit of \(limit)")
            }
            return [UInt8](data)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: error.localizedDescription)
        }
    }
}
