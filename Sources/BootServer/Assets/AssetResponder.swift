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

    init(root: String) {
        self.root = AssetRoot(root)
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
        let size = Int64(info.st_size)
        let etag = "\"\(String(UInt64(info.st_ino), radix: 16))-\(String(size, radix: 16))-\(String(info.st_mtim.tv_sec, radix: 16))\(String(info.st_mtim.tv_nsec, radix: 16))\""
        var headers: HTTPFields = [.eTag: etag, .acceptRanges: "bytes", .contentType: Self.mediaType(for: path)]
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        var range = ByteRange.parse(request.headers[.range], size: size)
        if let ifRange = request.headers[.ifRange], ifRange != etag { range = .whole }
        switch range {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentLength] = "0"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .whole:
            headers[.contentLength] = String(size)
            guard request.method != .head, size > 0 else { return Response(status: .ok, headers: headers) }
            return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: path, context: context, chunkLength: Self.chunkLength))
        case .partial(let r):
            headers[.contentRange] = "bytes \(r.lowerBound)-\(r.upperBound)/\(size)"
            headers[.contentLength] = String(r.count)
            guard request.method != .head else { return Response(status: .partialContent, headers: headers) }
            let body = try await fileIO.loadFile(path: path, range: Int(r.lowerBound)...Int(r.upperBound), context: context,
                                                 chunkLength: Self.chunkLength)
            return Response(status: .partialContent, headers: headers, body: body)
        }
    }

    static func matches(_ ifNoneMatch: String, etag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { tag in
            let t = tag.trimmingCharacters(in: " ")
            return t == "*" || t == etag || t == "W/" + etag
        }
    }

    static func mediaType(for path: String) -> String {
        switch (path as NSString).pathExtension {
        case "ipxe", "txt", "sig", "pem": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "yaml", "yml": "application/yaml"
        default: "application/octet-stream"
        }
    }
}
