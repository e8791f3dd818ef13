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
    public let publicURL: PublicURL
    /// Largest request body accepted under `/discovery` (a registration is well under 1 KiB).
    static let maxBody = 64 * 1024

    public init(service: DiscoveryService, publicURL: PublicURL) {
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
            publicURL: publicURL.url)
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
            asked = body.readableBytes == 0 ? NewTokenRequest() : try JSONDecoder.api.decode(NewTokenRequest.self, from: body)
        } catch {
            throw HTTPError(.badRequest, message: "invalid JSON body: \(error)")
        }
        return try await answer(.created) {
            let token = try await service.createToken(size: asked.size, cluster: asked.name)
            return try await service.tokenInfo(token.id, publicURL: publicURL.url)
        }
    }

    @Sendable func listTokens(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await answer(.ok) { try await service.tokenInfos(publicURL: publicURL.url) }
    }

    @Sendable func showToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        return try await answer(.ok) { try await service.tokenInfo(token, publicURL: publicURL.url) }
    }

    @Sendable func removeToken(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        return try await answer(.ok) {
            try await service.removeToken(token)
            return ["removed": token]
        }
    }

    /// Encodes `work`'s result; discovery errors become 400/404/409 `{"error": …}` replies.
    private func answer(_ status: HTTPResponse.Status, _ work: () async throws -> some Encodable) async throws -> Response {
        do {
            return try Reply.json(try await work(), status: status)
        } catch let error as DiscoveryError {
            let code: HTTPResponse.Status = error.isNotFound ? .notFound : error.isConflict ? .conflict : .badRequest
            return Reply.error(error.description, status: code, json: true)
        }
    }
}

/// `POST /api/v1/tokens` body, may be empty: both fields optional (size defaults to 3; name binds a cluster).
struct NewTokenRequest: Decodable {
    var size: Int?
    var name: String?
}

extension HTTPField.Name {
    /// etcd's index header, on every discovery reply.
    static let etcdIndex = HTTPField.Name("X-Etcd-Index")!
}
