import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small HTTP client for tests: status, headers, body as text.
struct HTTPReply {
    var status: Int
    var headers: HTTPHeaders
    var body: String
    var bytes: [UInt8]
    func header(_ name: String) -> String? { headers.first(name: name) }
}

enum HTTP {
    static func request(_ method: HTTPMethod = .GET, _ url: String, headers: [(String, String)] = [],
                        body: String? = nil) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        let bytes = Array(buffer.readableBytesView)
        return HTTPReply(status: Int(response.status.code), headers: response.headers,
                         body: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }

    static func get(_ url: String, headers: [(String, String)] = []) async throws -> HTTPReply {
        try await request(.GET, url, headers: headers)
    }
}
