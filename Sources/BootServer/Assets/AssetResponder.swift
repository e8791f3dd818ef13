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

    func respond(to request: Request, relativePath: String, context: some RequestContext) async throws -> Response {
        let path: String
        do { path = try root.resolve(relativePath) } catch {
            switch error {
            case .traversal: context.logger.warning("assets: \(error)")
                throw HTTPError(.badRequest, message: error.description)
            case .notFound: throw HTTPError(.notFound, message: error.description)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw HTTPError(.notFound) }
        let answer = AssetAnswer(path: path, file: AssetAnswer.FileInfo(info), isHead: request.method == .head,
                                 requestHeaders: request.headers)
        guard let bytes = answer.bytes else { return Response(status: answer.status, headers: answer.headers) }
        let body = try await fileIO.loadFile(path: path, range: Int(bytes.lowerBound)...Int(bytes.upperBound), context: context,
                                             chunkLength: Self.chunkLength)
        return Response(status: answer.status, headers: answer.headers, body: body)
    }
}
