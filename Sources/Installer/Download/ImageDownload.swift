import AsyncHTTPClient
import NIOCore

/// The download stage: the bytes at `url` as an async sequence of chunks, fetched once. A dropped connection (error
/// mid-body, or a body shorter than the known size) is resumed with `Range: bytes=<received>-`; attempts that make no
/// progress are bounded by `retry`, with exponential backoff. A server that ignores Range (200) is skipped forward.
public struct ImageDownload: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    public let client: HTTPClient
    public let url: String
    /// The size the plan announced, if any: a body that ends before it is resumed, one that exceeds it is refused.
    public let expectedSize: Int64?
    public let retry: RetryPolicy
    public let headTimeout: TimeAmount

    public init(client: HTTPClient, url: String, expectedSize: Int64?, retry: RetryPolicy = RetryPolicy(),
                headTimeout: TimeAmount = .seconds(30)) {
        self.client = client
        self.url = url
        self.expectedSize = expectedSize
        self.retry = retry
        self.headTimeout = headTimeout
    }

    public func makeAsyncIterator() -> Iterator { Iterator(download: self, total: expectedSize) }

    public struct Iterator: AsyncIteratorProtocol {
        let download: ImageDownload
        var total: Int64?
        var received: Int64 = 0
        var body: HTTPClientResponse.Body.AsyncIterator?
        /// Bytes still to drop because the server restarted from 0 instead of honouring Range.
        var skip: Int64 = 0
        var failures = 0
        var attempts = 0
        var finished = false

        public mutating func next() async throws -> ByteBuffer? {
            while !finished {
                do {
                    if body == nil { try await open() }
                    if let chunk = try await nextChunk() { return chunk }
                } catch let error as InstallError {
                    throw error
                } catch let error as CancellationError {
                    throw error
                } catch {
                    try await recover(from: error)
                }
            }
            return nil
        }

        /// The next chunk of new bytes; nil at the true end; throws `Interrupted` when the body ended early.
        private mutating func nextChunk() async throws -> ByteBuffer? {
            while var chunk = try await body?.next() {
                if skip > 0 {
                    let dropped = Swift.min(skip, Int64(chunk.readableBytes))
                    chunk.moveReaderIndex(forwardBy: Int(dropped))
                    skip -= dropped
                }
                guard chunk.readableBytes > 0 else { continue }
                received += Int64(chunk.readableBytes)
                failures = 0
                if let total, received > total {
                    throw fail("the server sent more than the \(total) bytes announced")
                }
                return chunk
            }
            if let total, received < total { throw Interrupted(detail: "connection closed after \(received) of \(total) bytes") }
            finished = true
            return nil
        }

        private mutating func open() async throws {
            attempts += 1
            var request = HTTPClientRequest(url: download.url)
            if received > 0 { request.headers.add(name: "Range", value: "bytes=\(received)-") }
            let response = try await download.client.execute(request, timeout: download.headTimeout)
            switch response.status.code {
            case 200:
                skip = received
                if let length = response.headers.first(name: "Content-Length").flatMap({ Int64($0) }) { try expect(total: length) }
            case 206 where received > 0:
                guard let range = response.headers.first(name: "Content-Range").flatMap(ContentRange.init), range.first == received else {
                    throw fail("the server resumed at the wrong offset (asked for byte \(received))")
                }
                if let length = range.total { try expect(total: length) }
            case 416 where received > 0:
                throw fail("the server has no bytes past \(received)\(total.map { " (expected \($0))" } ?? ""): the image on the server is truncated")
            case 500...599:
                throw Interrupted(detail: "HTTP \(response.status.code) \(response.status.reasonPhrase)")
            default:
                throw fail("HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            body = response.body.makeAsyncIterator()
        }

        private mutating func expect(total length: Int64) throws {
            if let total, total != length {
                throw fail("the server has \(length) bytes but the plan says \(total)")
            }
            total = length
        }

        private mutating func recover(from error: any Error) async throws {
            body = nil
            failures += 1
            guard failures < download.retry.maxAttempts else {
                throw fail((error as? Interrupted)?.detail ?? String(describing: error))
            }
            try await Task.sleep(for: download.retry.delay(afterFailure: failures))
        }

        private func fail(_ detail: String) -> InstallError {
            .downloadFailed(url: download.url, received: received, expected: total, attempts: attempts, detail: detail)
        }
    }
}

/// A download that stopped early and may be resumed.
struct Interrupted: Error {
    var detail: String
}
