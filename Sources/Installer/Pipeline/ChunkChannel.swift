import Foundation
import NIOCore

/// Hands byte chunks from async code to one consumer thread, holding at most `capacity` chunks (bounded memory).
/// The sender suspends while the channel is full; the consumer blocks while it is empty.
final class ChunkChannel: @unchecked Sendable {
    // @unchecked: every mutable property is read and written only while `condition` is locked.
    private enum Consumer { case running, done, failed }
    private enum Input { case open, finished, failed(any Error) }

    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [ByteBuffer] = []
    private var waitingSender: (chunk: ByteBuffer, continuation: CheckedContinuation<Void, Never>)?
    private var input = Input.open
    private var consumer = Consumer.running

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Queues a chunk, suspending while the channel is full. Once the consumer has stopped (done or failed) the
    /// chunk is dropped, so upstream stages can still be drained — a verifying stage then says whether the image
    /// itself was bad, which explains a decoder failure better than the decoder can.
    func send(_ chunk: ByteBuffer) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            defer { condition.unlock() }
            switch consumer {
            case .done, .failed: continuation.resume()
            case .running where buffer.count < capacity:
                buffer.append(chunk)
                condition.signal()
                continuation.resume()
            case .running: waitingSender = (chunk, continuation)
            }
        }
    }

    /// No more chunks will be sent; `error` (if any) is what the consumer's next `receive` throws.
    func finish(error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        input = error.map { .failed($0) } ?? .finished
        condition.signal()
    }

    /// Consumer side: the next chunk, or nil at the end of input. Blocks the calling thread while empty.
    func receive() throws -> ByteBuffer? {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty, case .open = input { condition.wait() }
        if !buffer.isEmpty {
            let chunk = buffer.removeFirst()
            if let waiting = waitingSender {
                buffer.append(waiting.chunk)
                waitingSender = nil
                waiting.continuation.resume()
            }
            return chunk
        }
        if case .failed(let error) = input { throw error }
        return nil
    }

    /// Consumer side: it needs no more input (`error == nil`) or it failed. Releases a waiting sender.
    func consumerFinished(error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        consumer = error == nil ? .done : .failed
        buffer.removeAll()
        if let waiting = waitingSender {
            waitingSender = nil
            waiting.continuation.resume()
        }
    }
}
