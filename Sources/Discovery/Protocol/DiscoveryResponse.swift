/// What the discovery service answers: status, etcd index, content type and the complete body.
///
/// The body is always complete before the reply is written, so a transport can send headers and body
/// in one write (Go's HTTP client otherwise waits out a delayed ACK, 40 ms per request).
public struct DiscoveryResponse: Sendable, Equatable {
    public var status: Int
    /// The `X-Etcd-Index` header; nil only for replies outside the etcd keys API (`/new`).
    public var etcdIndex: UInt64?
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, etcdIndex: UInt64?, contentType: String, body: [UInt8]) {
        self.status = status
        self.etcdIndex = etcdIndex
        self.contentType = contentType
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    static let jsonType = "application/json"
    static let textType = "text/plain; charset=utf-8"

    /// An etcd-shaped JSON reply; like etcd, the body ends with a newline.
    static func json(_ status: Int, index: UInt64, _ text: String) -> DiscoveryResponse {
        DiscoveryResponse(status: status, etcdIndex: index, contentType: jsonType, body: Array((text + "\n").utf8))
    }

    /// A plain-text reply (token creation and its errors).
    static func text(_ status: Int, _ text: String) -> DiscoveryResponse {
        DiscoveryResponse(status: status, etcdIndex: nil, contentType: textType, body: Array(text.utf8))
    }

    /// The empty 200 that ends a long-poll without an event; etcd's client then watches again.
    static func emptyWatch(index: UInt64) -> DiscoveryResponse {
        DiscoveryResponse(status: 200, etcdIndex: index, contentType: jsonType, body: [])
    }
}
