import Foundation
import HTTPTypes

/// What to answer a GET or HEAD of one file, decided from the request's conditional and Range headers and the
/// file's metadata. Pure, shared by both ways assets are sent (Hummingbird's body writer, and sendfile).
struct AssetAnswer: Equatable, Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    /// The bytes to send (inclusive); nil for no body (304, 416, HEAD, empty file).
    var bytes: ClosedRange<Int64>?

    /// The file's identity for ETag: inode, size and modification time (changes with any rewrite).
    struct FileInfo: Equatable, Sendable {
        var inode: UInt64
        var size: Int64
        var modified: timespec

        init(inode: UInt64, size: Int64, modified: timespec) {
            self.inode = inode
            self.size = size
            self.modified = modified
        }

        init(_ info: stat) {
            self.init(inode: UInt64(info.st_ino), size: Int64(info.st_size), modified: info.st_mtim)
        }

        static func == (a: FileInfo, b: FileInfo) -> Bool {
            a.inode == b.inode && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }

        var etag: String {
            "\"\(String(inode, radix: 16))-\(String(size, radix: 16))-\(String(modified.tv_sec, radix: 16))\(String(modified.tv_nsec, radix: 16))\""
        }
    }

    init(status: HTTPResponse.Status, headers: HTTPFields, bytes: ClosedRange<Int64>?) {
        self.status = status
        self.headers = headers
        self.bytes = bytes
    }

    init(path: String, file: FileInfo, isHead: Bool, requestHeaders: HTTPFields) {
        let etag = file.etag
        let size = file.size
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
