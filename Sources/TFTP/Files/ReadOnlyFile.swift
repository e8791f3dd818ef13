#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// An open regular file read by offset (`pread`), so a transfer never loads it whole. The owner
/// must call `close()` exactly once.
struct ReadOnlyFile: Sendable {
    let descriptor: Int32
    /// Size in bytes when opened.
    let size: Int

    /// Opens `path` for reading without following a final symlink (the resolver already resolved it).
    static func open(_ path: String, name: String) throws(FileResolutionError) -> ReadOnlyFile {
        let fd = systemOpen(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw .unreadable(name, errnoDescription()) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG) else {
            _ = systemClose(fd)
            throw .refused(name, "not a regular file")
        }
        return ReadOnlyFile(descriptor: fd, size: Int(info.st_size))
    }

    func close() { _ = systemClose(descriptor) }

    /// Appends up to `count` bytes read at `offset` to `buffer`; fewer only at end of file.
    func read(at offset: Int, upTo count: Int, appendingTo buffer: inout ByteBuffer) throws(FileReadError) -> Int {
        var filled = 0
        while filled < count {
            var result = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count - filled) { bytes in
                result = pread(descriptor, bytes.baseAddress, count - filled, off_t(offset + filled))
                return max(result, 0)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw FileReadError(reason: errnoDescription())
            }
            if result == 0 { break }
            filled += result
        }
        return filled
    }
}

/// A read from an open file failed.
struct FileReadError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// A `ByteSource` over an open file, reading sequentially from offset 0.
struct FileByteSource: ByteSource {
    let file: ReadOnlyFile
    private var offset = 0

    init(_ file: ReadOnlyFile) { self.file = file }

    mutating func read(upTo count: Int, appendingTo buffer: inout ByteBuffer) throws -> Int {
        let count = try file.read(at: offset, upTo: count, appendingTo: &buffer)
        offset += count
        return count
    }
}

func errnoDescription() -> String {
    String(cString: strerror(errno))
}

private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
