import Foundation

/// Double buffering between the decoder thread and a sink thread: the decoder fills one block while the sink
/// (the disk writer) consumes the other, so decompression — the slowest stage — never waits on a write.
/// Memory: `depth` blocks, allocated once and reused.
final class BlockHandoff: @unchecked Sendable {
    // @unchecked: `free`, `full`, `ended` and `failure` are touched only while `condition` is locked; a block's
    // bytes are owned by exactly one side at a time (handed over under the lock).
    private let condition = NSCondition()
    private var free: [UnsafeMutableRawBufferPointer]
    private var full: [(block: UnsafeMutableRawBufferPointer, count: Int)] = []
    private var ended = false
    private var failure: (any Error)?
    private var sinkDone = false
    private let blocks: [UnsafeMutableRawBufferPointer]

    init(blockSize: Int, depth: Int = 2) {
        blocks = (0..<max(1, depth)).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 4096) }
        free = blocks
    }

    deinit { blocks.forEach { $0.deallocate() } }

    /// Starts the sink thread; it calls `sink` with each submitted block, in order, until `finish`.
    func start(sink: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void) {
        let thread = Thread { [self] in drain(into: sink) }
        thread.name = "provision-write"
        thread.start()
    }

    /// Decoder side: an empty block to fill. Throws the sink's error once the sink has failed.
    func emptyBlock() throws -> UnsafeMutableRawBufferPointer {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty, failure == nil { condition.wait() }
        if let failure { throw failure }
        return free.removeLast()
    }

    /// Decoder side: hands `count` filled bytes of `block` to the sink.
    func submit(_ block: UnsafeMutableRawBufferPointer, count: Int) {
        condition.lock()
        full.append((block, count))
        condition.broadcast()
        condition.unlock()
    }

    /// Decoder side: no more blocks; waits until the sink has written every submitted block, then throws its error.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        ended = true
        condition.broadcast()
        while !sinkDone { condition.wait() }
        if let failure { throw failure }
    }

    private func drain(into sink: (UnsafeRawBufferPointer) throws -> Void) {
        while let (block, count) = nextFull() {
            do {
                try sink(UnsafeRawBufferPointer(rebasing: block[0..<count]))
                release(block, error: nil)
            } catch {
                release(block, error: error)
            }
        }
        condition.lock()
        sinkDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next block to write, or nil once the decoder has finished (or the sink failed) and nothing is left.
    private func nextFull() -> (UnsafeMutableRawBufferPointer, Int)? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty, !ended, failure == nil { condition.wait() }
        guard failure == nil, !full.isEmpty else { return nil }
        return full.removeFirst()
    }

    private func release(_ block: UnsafeMutableRawBufferPointer, error: (any Error)?) {
        condition.lock()
        free.append(block)
        if failure == nil, let error { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}
