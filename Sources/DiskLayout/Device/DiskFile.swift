import Foundation

/// A disk to write: a block device (`/dev/sda`) or a regular file holding a disk image.
/// Positioned writes only (`pwrite`), so one instance may be written from several threads.
public final class DiskFile: Sendable {
    public let path: String
    public let isBlockDevice: Bool
    /// Size in bytes (the device's capacity, or the image file's length).
    public let size: Int64
    /// Logical sector size: from sysfs for a block device, 512 for a file.
    public let sectorSize: Int
    private let fd: Int32

    public init(path: String) throws {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw DiskLayoutError.io(path: path, detail: "cannot open for writing: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw DiskLayoutError.io(path: path, detail: "cannot stat: \(String(cString: strerror(errno)))")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFBLK || kind == S_IFREG else {
            close(fd)
            throw DiskLayoutError.io(path: path, detail: "neither a block device nor a regular file")
        }
        self.fd = fd
        self.path = path
        isBlockDevice = kind == S_IFBLK
        size = Int64(isBlockDevice ? lseek(fd, 0, SEEK_END) : info.st_size)
        sectorSize = isBlockDevice ? DiskFile.logicalBlockSize(rdev: info.st_rdev) : 512
    }

    deinit { close(fd) }

    /// Writes all of `bytes` at `offset`.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset + Int64(done)))
            if n < 0 {
                if errno == EINTR { continue }
                throw DiskLayoutError.io(path: path, detail: "write at byte \(offset + Int64(done)) failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    public func write(_ bytes: [UInt8], at offset: Int64) throws {
        try bytes.withUnsafeBytes { try write($0, at: offset) }
    }

    /// Reads up to `count` bytes at `offset` (fewer at the end of the disk).
    public func read(count: Int, at offset: Int64) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress.map { $0 + done }, count - done, off_t(offset + Int64(done))) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DiskLayoutError.io(path: path, detail: "read at byte \(offset + Int64(done)) failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        return Array(buffer[0..<done])
    }

    /// Flushes written data to stable storage.
    public func sync() throws {
        guard fsync(fd) == 0 else { throw DiskLayoutError.io(path: path, detail: "fsync failed: \(String(cString: strerror(errno)))") }
    }

    /// Writes a partition table the safe way round: the backup copy, then the primary, then the MBR, syncing between,
    /// so an interruption leaves either the old primary table or the complete new one.
    public func write(_ table: PartitionTable) throws {
        for region in try table.encode() {
            try write(region.bytes, at: region.offset)
            try sync()
        }
    }

    private static func logicalBlockSize(rdev: dev_t) -> Int {
        // glibc's dev_t encoding (the major/minor macros are not imported into Swift).
        let dev = UInt64(rdev)
        let major = ((dev >> 8) & 0xFFF) | ((dev >> 32) & ~UInt64(0xFFF))
        let minor = (dev & 0xFF) | ((dev >> 12) & ~UInt64(0xFF))
        let path = "/sys/dev/block/\(major):\(minor)/queue/logical_block_size"
        let parent = "/sys/dev/block/\(major):\(minor)/../queue/logical_block_size"
        for candidate in [path, parent] {
            if let text = try? String(contentsOfFile: candidate, encoding: .utf8),
               let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), value >= 512 {
                return value
            }
        }
        return 512
    }
}
