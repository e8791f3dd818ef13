import Foundation

/// A token as the admin API returns it (`GET /api/v1/tokens/<token>`).
struct TokenSummary: Decodable {
    struct Member: Decodable {
        var id: String
        var name: String
        var peerURLs: [String]
        var registeredAt: Date
    }

    var token: String
    var url: String
    var size: Int
    var cluster: String?
    var createdAt: Date
    var expiresAt: Date?
    var index: UInt64
    var members: [Member]
}
