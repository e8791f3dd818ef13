import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves files under the assets root: HEAD, single Range (206/416), ETag + If-None-Match (304),
/// exact Content-Length, bodies streamed in chunks (never loaded whole).
struct AssetResponder: Sendable {
    let root: AssetRoot
    let fileIO: FileIO
    /// Read size per chunk. Hummingbird's default (128 KiB) makes a 1 GiB kernel image 8,192 reads, thread-pool
    /// hops and socket writes; larger chunks halve the per-byte overhead. Memory: one chunk per download in flight.
    static let chunkLength = 1 << 20

    init(root: AssetRoot) {
        self.root = root
        self.fileIO = FileIO(threadPool: .singleton)
    }

    /// `segments`: the route's catch-all, still percent-encoded.
    func respond(to request: Request, segments: [Substring], context: some RequestContext) async throws -> Response {
        let path: String, answer: AssetAnswer
        do {
            (path, answer) = try AssetAnswer.resolve(segments, under: root, isHead: request.method == .head,
                                                     requestHeaders: request.headers)
        } catch {
            if case .traversal = error { context.logger.warning("assets: \(error)") }
            throw HTTPError(error.status, message: error.description)
        }
        guard let bytes = answer.bytes else { return Response(status: answer.status, headers: answer.headers) }
        let body = try await fileIO.loadFile(path: path, range: Int(bytes.lowerBound)...Int(bytes.upperBound), context: context,
                                             chunkLength: Self.chunkLength)
        return Response(status: answer.status, headers: answer.headers, body: body)
    }
}
