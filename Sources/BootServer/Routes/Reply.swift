import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Response builders shared by the routes.
enum Reply {
    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        let buffer = ByteBuffer(string: text)
        return Response(status: status, headers: [.contentType: contentType, .contentLength: String(buffer.readableBytes)],
                        body: .init(byteBuffer: buffer))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder.api.encode(value)
        let buffer = ByteBuffer(bytes: data)
        return Response(status: status, headers: [.contentType: "application/json", .contentLength: String(buffer.readableBytes)],
                        body: .init(byteBuffer: buffer))
    }

    static func error(_ message: String, status: HTTPResponse.Status, json: Bool) -> Response {
        if json, let response = try? Reply.json(["error": message], status: status) { return response }
        return text(message + "\n", status: status)
    }
}

extension JSONEncoder {
    /// The admin API's JSON: ISO 8601 dates, sorted keys.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension Request {
    /// Query parameters as a plain map (last value wins).
    var query: [String: String] {
        var map: [String: String] = [:]
        for (key, value) in uri.queryParameters { map[String(key)] = String(value) }
        return map
    }

    /// The request body as text, bounded.
    func bodyText(limit: Int = 64 << 20) async throws -> String {
        let buffer = try await body.collect(upTo: limit)
        return String(buffer: buffer)
    }

    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer = try await body.collect(upTo: 16 << 20)
        do { return try JSONDecoder.api.decode(T.self, from: Data(buffer.readableBytesView)) } catch {
            throw HTTPError(.badRequest, message: "invalid JSON body: \(error)")
        }
    }

    /// The bearer token of an `Authorization` header, if any.
    var bearerToken: String? {
        guard let value = headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
}
