import CArchive
import NIOCore
import ProvisionModel

/// Decompresses one raw stream (xz, zstd, gzip, bzip2 or uncompressed) with libarchive's raw format, pulling
/// compressed chunks from `source` as libarchive asks for them. Synchronous: runs on the decoder thread.
final class ArchiveDecoder {
    private let archive: OpaquePointer
    private let input: ArchiveInput

    /// Opens the stream and checks that what libarchive detects is the `expected` compression.
    init(expected: ImageCompression, source: @escaping () throws -> ByteBuffer?) throws {
        guard let archive = archive_read_new() else { throw InstallError.decompressionFailed("libarchive: out of memory") }
        self.archive = archive
        input = ArchiveInput(source: source)
        archive_read_support_filter_all(archive)
        archive_read_support_format_raw(archive)
        let status = archive_read_open(archive, Unmanaged.passUnretained(input).toOpaque(), nil, archiveReadCallback, nil)
        guard status == ARCHIVE_OK else { throw failure("cannot open stream") }
        var entry: OpaquePointer?
        let header = archive_read_next_header(archive, &entry)
        if header == ARCHIVE_EOF { throw InstallError.decompressionFailed("the image is empty") }
        guard header == ARCHIVE_OK || header == ARCHIVE_WARN else { throw failure("cannot read stream") }
        let detected = archive_filter_code(archive, 0)
        guard detected == ArchiveDecoder.filterCode(expected) else {
            let name = archive_filter_name(archive, 0).map { String(cString: $0) } ?? "unknown"
            throw InstallError.verificationFailed("the plan says \(expected.rawValue) but the image is \(name == "none" ? "not compressed" : name)")
        }
    }

    deinit { archive_read_free(archive) }

    /// Fills `buffer` with decompressed bytes; returns how many (0 at the end of the stream).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = archive_read_data(archive, buffer.baseAddress, buffer.count)
        guard count >= 0 else { throw failure("corrupt or truncated stream") }
        return count
    }

    /// The upstream error if the source threw (it explains more), else libarchive's message.
    private func failure(_ what: String) -> any Error {
        if let error = input.error { return error }
        let message = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
        return InstallError.decompressionFailed("\(what): \(message)")
    }

    static func filterCode(_ compression: ImageCompression) -> Int32 {
        switch compression {
        case .none: ARCHIVE_FILTER_NONE
        case .gzip: ARCHIVE_FILTER_GZIP
        case .bzip2: ARCHIVE_FILTER_BZIP2
        case .xz: ARCHIVE_FILTER_XZ
        case .zstd: ARCHIVE_FILTER_ZSTD
        }
    }
}

/// What libarchive's read callback reads from: copies each chunk into storage that stays valid until the next call.
final class ArchiveInput {
    let source: () throws -> ByteBuffer?
    var error: (any Error)?
    private var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    init(source: @escaping () throws -> ByteBuffer?) { self.source = source }

    deinit { storage.deallocate() }

    /// Points `buffer` at the next chunk; returns its length, 0 at the end, -1 when the source failed.
    func next(_ buffer: UnsafeMutablePointer<UnsafeRawPointer?>?) -> Int {
        do {
            var chunk: ByteBuffer
            repeat {
                guard let next = try source() else { return 0 }
                chunk = next
            } while chunk.readableBytes == 0
            if chunk.readableBytes > storage.count {
                storage.deallocate()
                storage = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk.readableBytes, alignment: 16)
            }
            let count = chunk.withUnsafeReadableBytes { bytes in
                storage.copyMemory(from: bytes)
                return bytes.count
            }
            buffer?.pointee = UnsafeRawPointer(storage.baseAddress)
            return count
        } catch {
            self.error = error
            return -1
        }
    }
}

private let archiveReadCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafeRawPointer?>?) -> la_ssize_t = { _, context, buffer in
    guard let context else { return -1 }
    return la_ssize_t(Unmanaged<ArchiveInput>.fromOpaque(context).takeUnretainedValue().next(buffer))
}
