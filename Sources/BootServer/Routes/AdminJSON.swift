import Discovery
import Foundation
import HTTPTypes
import Hummingbird

/// JSON replies of the admin API: ISO 8601 dates, `{"error": "…"}` bodies for failures.
enum AdminJSON {
    /// Runs `work` and encodes its result with `status`; discovery errors become 400/404/409 with their reason.
    static func answer(_ status: HTTPResponse.Status, _ work: () async throws -> some Encodable) async throws -> Response {
        do {
            return try encode(status, try await work())
        } catch let error as DiscoveryError {
            let status: HTTPResponse.Status = error.isNotFound ? .notFound : error.isConflict ? .conflict : .badRequest
            return Self.error(status, error.description)
        }
    }

    static func encode(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return response(status, try encoder.encode(value))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        response(status, (try? JSONEncoder().encode(["error": message])) ?? Data())
    }

    private static func response(_ status: HTTPResponse.Status, _ data: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
