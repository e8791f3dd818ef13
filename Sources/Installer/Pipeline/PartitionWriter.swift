import DiskLayout

/// The last stage: writes decompressed blocks sequentially into one or more partitions (USR-A, and USR-B when
/// mirroring) and refuses to run past their size. Called from the decoder thread only, in order.
public final class PartitionWriter: Sendable {
    public let disk: DiskFile
    public let offsets: [Int64]
    public let limit: Int64
    private let position = LockedValue<Int64>(0)

    public init(disk: DiskFile, offsets: [Int64], limit: Int64) {
        self.disk = disk
        self.offsets = offsets
        self.limit = limit
    }

    public var written: Int64 { position.current }

    public func write(_ block: UnsafeRawBufferPointer) throws {
        let start = position.current
        guard start + Int64(block.count) <= limit else { throw InstallError.imageTooLarge(limit: limit) }
        do {
            for offset in offsets { try disk.write(block, at: offset + start) }
        } catch let error as DiskLayoutError {
            throw InstallError.writeFailed(error.description)
        }
        position.withValue { $0 += Int64(block.count) }
    }
}
