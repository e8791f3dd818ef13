import Foundation
import NIOCore

/// A local file as an async sequence of chunks, so file-based work (import) runs through the same stages as a download.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    public let path: String
    public let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = chunkSize
    }

    public func makeAsyncIterator() -> Iterator { Iterator(path: path, chunkSize: chunkSize) }

    public struct Iterator: AsyncIteratorProtocol {
        let path: String
        let chunkSize: Int
        var handle: FileHandle?
        var done = false

        public mutating func next() async throws -> ByteBuffer? {
            guard !done else { return nil }
            if handle == nil {
                guard let opened = FileHandle(forReadingAtPath: path) else { throw ImportError.unreadable(path, "cannot open") }
                handle = opened
            }
            let data: Data?
            do { data = try handle?.read(upToCount: chunkSize) } catch { throw ImportError.unreadable(path, error.localizedDescription) }
            guard let data, !data.isEmpty else {
                done = true
                try? handle?.close()
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }
}
