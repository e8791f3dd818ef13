import Foundation
import NIOCore
import ProvisionModel

/// The decompression stage: compressed chunks in (any async sequence), decompressed blocks out to a synchronous sink.
/// libarchive pulls, so it runs on its own thread fed through a bounded `ChunkChannel`; the sink (the disk writer)
/// is called on a writer thread beside it, in order, with reused block buffers. Memory: `queueDepth` chunks + two blocks.
public enum Decompression {
    /// Decompresses `input` and returns the number of bytes handed to `sink`. `input` is always drained to its end,
    /// even when the compressed stream ends or fails earlier, so a verifying stage upstream sees every byte: an input
    /// error (download, verification) wins over the decoder's or sink's, which is thrown only if the input was good.
    public static func run<Input: AsyncSequence>(
        _ input: Input, compression: ImageCompression, blockSize: Int = 1 << 20, queueDepth: Int = 16,
        sink: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int64 where Input.Element == ByteBuffer {
        let channel = ChunkChannel(capacity: queueDepth)
        async let decoded: Int64 = withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let result = Result { try decodeAll(from: channel, compression: compression, blockSize: blockSize, sink: sink) }
                if case .failure(let error) = result { channel.consumerFinished(error: error) } else { channel.consumerFinished(error: nil) }
                continuation.resume(with: result)
            }
            thread.name = "provision-decompress"
            thread.start()
        }
        do {
            for try await chunk in input { await channel.send(chunk) }
            channel.finish()
        } catch {
            channel.finish(error: error)
            _ = try? await decoded
            throw error
        }
        return try await decoded
    }

    /// Decodes on the calling thread and writes on a second one (`BlockHandoff`), so the decoder never waits on a write.
    static func decodeAll(from channel: ChunkChannel, compression: ImageCompression, blockSize: Int,
                          sink: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void) throws -> Int64 {
        let decoder = try ArchiveDecoder(expected: compression) { try channel.receive() }
        let handoff = BlockHandoff(blockSize: blockSize)
        handoff.start(sink: sink)
        var total: Int64 = 0
        do {
            while true {
                let block = try handoff.emptyBlock()
                var filled = 0
                while filled < blockSize {
                    let count = try decoder.read(into: UnsafeMutableRawBufferPointer(rebasing: block[filled...]))
                    if count == 0 { break }
                    filled += count
                }
                if filled > 0 { handoff.submit(block, count: filled) }
                total += Int64(filled)
                if filled < blockSize { break }
            }
        } catch {
            try? handoff.finish()
            throw error
        }
        try handoff.finish()
        return total
    }
}
