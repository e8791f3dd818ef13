import Discovery
import Foundation
import HTTPTypes
import Hummingbird

/// HTTP for the discovery service: the etcd v2 discovery protocol under `/discovery`, and token
/// management in the admin API. Handlers only translate; `DiscoveryService` does the work.
///
/// Replies have a complete `ByteBuffer` body, which Hummingbird writes together with the head in one
/// batched write (and NIO's server sockets set TCP_NODELAY), so Go clients see no delayed-ACK stall.
public struct DiscoveryRoutes: Sendable {
    public let service: DiscoveryService
    /// The server's `--public-url`: every discovery URL is spelled from it, never from the Host header.
    public let publicURL: String
    /// Largest request body accepted under `/discovery` (a registration is well under 1 KiB).
    static let maxBody = 64 * 1024

    public init(service: DiscoveryService, publicURL: String) {
        self.service = service
        self.publicURL = publicURL
    }

    /// `public` is mounted at `/discovery`; `admin` is the `/api/v1` group behind bearer auth.
    public func register(public: RouterGroup<BasicRequestContext>, admin: RouterGroup<BasicRequestContext>) {
        for method in [HTTPRequest.Method.get, .put, .post, .delete] {
            `public`.on("**", method: method, use: discovery)
        }
        admin.post("tokens", use: createToken)
        admin.get("tokens", use: listTokens)
        admin.get("tokens/:token", use: showToken)
        admin.delete("tokens/:token", use: removeToken)
    }

    @Sendable func discovery(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBody)
        let path = "/" + context.parameters.getCatchAll().joined(separator: "/")
        let reply = await service.respond(
            to: DiscoveryRequest(method: request.method.rawValue, path: path.removingPercentEncoding ?? path,
                                 rawQuery: request.uri.query, body: Array(buffer: body)),
            publicURL: publicURL)
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        if let index = reply.etcdIndex { headers[.etcdIndex] = String(index) }
        return Response(status: .init(code: reply.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    @Sendable func createToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBody)
        let asked: NewTokenRequest
        do {
            asked = body.readableBytes == 0 ? NewTokenRequest() : try JSONDecoder().decode(NewTokenRequest.self, from: body)
        } catch {
            return AdminJSON.error(.badRequest, "token request body: \(error)")
        }
        return try await AdminJSON.answer(.created) {
            let token = try await service.createToken(size: asked.size, cluster: asked.name)
            return try await service.tokenInfo(token.id, publicURL: publicURL)
        }
    }

    @Sendable func listTokens(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await AdminJSON.answer(.ok) { try await service.tokenInfos(publicURL: publicURL) }
    }

    @Sendable func showToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        return try await AdminJSON.answer(.ok) { try await service.tokenInfo(token, publicURL: publicURL) }
    }

    @Sendable func removeToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        return try await AdminJSON.answer(.ok) {
            try await service.removeToken(token)
            return ["removed": token]
        }
    }
}

/// `POST /api/v1/tokens` body: both fields optional (size defaults to 3; name binds a cluster).
struct NewTokenRequest: Decodable {
    var size: Int?
    var name: String?
}

extension HTTPField.Name {
    /// etcd's index header, on every discovery reply.
    static let etcdIndex = HTTPField.Name("X-Etcd-Index")!
}
