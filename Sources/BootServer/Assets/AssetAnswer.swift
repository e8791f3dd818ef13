import Foundation
import HTTPTypes

/// What to answer a GET or HEAD of one file, decided from the request's conditional and Range headers and the
/// file's metadata. Pure, shared by both ways assets are sent (Hummingbird's body writer, and sendfile).
struct AssetAnswer: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    /// The bytes to send (inclusive); nil for no body (304, 416, HEAD, empty file).
    var bytes: ClosedRange<Int64>?

    /// Resolves percent-encoded path segments under `root` and decides the answer for that file: what both the router
    /// and the sendfile handler do before they send. Throws the refusal (bad encoding, traversal, missing file).
    static func resolve(_ segments: some Sequence<Substring>, under root: AssetRoot, isHead: Bool,
                        requestHeaders: HTTPFields) throws(AssetRoot.Refusal) -> (path: String, answer: AssetAnswer) {
        let decoded = segments.map { String($0).removingPercentEncoding }
        guard let parts = decoded as? [String] else { throw .badEncoding }
        let path = try root.resolve(parts.joined(separator: "/"))
        var info = stat()
        guard stat(path, &info) == 0 else { throw .notFound(parts.joined(separator: "/")) }
        return (path, AssetAnswer(path: path, file: info, isHead: isHead, requestHeaders: requestHeaders))
    }

    /// Headers and status from the file's metadata. The ETag is inode, size and modification time (changes with
    /// any rewrite).
    init(path: String, file info: stat, isHead: Bool, requestHeaders: HTTPFields) {
        let size = Int64(info.st_size)
        let etag = "\"\(String(UInt64(info.st_ino), radix: 16))-\(String(size, radix: 16))-\(String(info.st_mtim.tv_sec, radix: 16))\(String(info.st_mtim.tv_nsec, radix: 16))\""
        var headers: HTTPFields = [.eTag: etag, .acceptRanges: "bytes", .contentType: Self.mediaType(for: path)]
        if let match = requestHeaders[.ifNoneMatch], Self.matches(match, etag: etag) {
            self.init(status: .notModified, headers: headers, bytes: nil)
            return
        }
        var range = ByteRange.parse(requestHeaders[.range], size: size)
        if let ifRange = requestHeaders[.ifRange], ifRange != etag { range = .whole }
        switch range {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentLength] = "0"
            self.init(status: .rangeNotSatisfiable, headers: headers, bytes: nil)
        case .whole:
            headers[.contentLength] = String(size)
            self.init(status: .ok, headers: headers, bytes: isHead || size == 0 ? nil : 0...(size - 1))
        case .partial(let r):
            headers[.contentRange] = "bytes \(r.lowerBound)-\(r.upperBound)/\(size)"
            headers[.contentLength] = String(r.count)
            self.init(status: .partialContent, headers: headers, bytes: isHead ? nil : r)
        }
    }

    init(status: HTTPResponse.Status, headers: HTTPFields, bytes: ClosedRange<Int64>?) {
        self.status = status
        self.headers = headers
        self.bytes = bytes
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

extension AssetRoot.Refusal {
    /// 400 for a path that is malformed or leaves the root, 404 for one that names nothing.
    var status: HTTPResponse.Status {
        switch self {
        case .badEncoding, .traversal: .badRequest
        case .notFound: .notFound
        }
    }
}
