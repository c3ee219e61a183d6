import Foundation

extension CSVDataset {
    /// The largest CSV file read (decompressed): 4 GiB.
    public static let maximumFileBytes = 1 << 32

    /// Reads the CSV file at `path`, raw or gzipped (detected by the `1f 8b` magic, whatever the name).
    ///
    /// - Throws: ``CSVError`` naming the file and, for bad cells, the 1-based line and column.
    public static func load(contentsOfFile path: String, options: CSVOptions = CSVOptions()) throws(CSVError) -> CSVDataset {
        var bytes: [UInt8]
        do throws(FileBytes.Failure) {
            bytes = try FileBytes.read(path, limit: FileBytes.compressedLimit(forOutput: maximumFileBytes))
        } catch {
            throw CSVError(.unreadable(error.description), file: path)
        }
        if Gzip.isGzip(bytes) {
            do throws(GzipError) {
                bytes = try Gzip.decompress(bytes, maxOutputBytes: maximumFileBytes)
            } catch {
                throw CSVError(.gzip(error), file: path)
            }
        }
        do throws(CSVError) {
            return try parse(bytes, options: options)
        } catch {
            var named = error
            named.file = path
            throw named
        }
    }

    /// Parses CSV text held in memory (UTF-8; `\n` or `\r\n` line ends; blank lines skipped; cells may be
    /// double-quoted, with `""` for a quote, but may not span lines; spaces around numbers are ignored).
    ///
    /// - Parameter file: the name errors carry, if any.
    public static func parse(_ bytes: [UInt8], file: String? = nil, options: CSVOptions = CSVOptions()) throws(CSVError) -> CSVDataset {
        do throws(CSVError) {
            return try CSVParser(bytes: bytes, options: options).run()
        } catch {
            var named = error
            named.file = file
            throw named
        }
    }
}
