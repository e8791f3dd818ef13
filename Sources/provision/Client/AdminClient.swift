import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Talks to the server's admin API (`/api/v1/…`) with the bearer token.
struct AdminClient {
    let baseURL: String
    let token: String

    init(_ options: ClientOptions) throws {
        baseURL = options.serverURL
        token = try options.adminToken()
    }

    /// GET, decoding JSON.
    func get<T: Decodable>(_ path: String, as type: T.Type = T.self) async throws -> T {
        try decode(try await request(.GET, path))
    }

    /// Sends `body` as JSON and decodes the JSON reply.
    func send<T: Decodable>(_ method: HTTPMethod, _ path: String, body: (some Encodable)?, as type: T.Type = T.self) async throws -> T {
        try decode(try await request(method, path, body: body.map { try JSONEncoder().encode($0) }))
    }

    /// Any method; returns the raw body. Non-2xx replies become a `CLIError` carrying the server's reason.
    func request(_ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> Data {
        var req = HTTPClientRequest(url: baseURL + path)
        req.method = method
        req.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            req.headers.add(name: "Content-Type", value: contentType)
            req.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(req, timeout: .seconds(60))
        } catch {
            throw CLIError("cannot reach \(baseURL): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 256 << 20)
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            throw CLIError("\(method) \(path): \(response.status.code) \(Self.reason(data) ?? response.status.reasonPhrase)")
        }
        return data
    }

    private func decode<T: Decodable>(_ data: Data) throws -> T {
        do { return try JSONDecoder.api.decode(T.self, from: data) } catch {
            throw CLIError("unexpected reply from \(baseURL): \(error)")
        }
    }

    /// The server's error bodies are `{"error": "…"}`.
    static func reason(_ data: Data) -> String? {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let message = object["error"] as? String {
            return message
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

extension JSONDecoder {
    /// Dates travel as ISO 8601 in the admin API.
    static var api: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

extension JSONEncoder {
    static var api: JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        return e
    }
}
