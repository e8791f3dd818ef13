import AsyncHTTPClient
import Foundation
import NIOCore
import ProvisionModel

/// The agent's side of the server protocol: fetch the plan, fetch small documents, POST events.
public struct ServerClient: Sendable {
    public let http: HTTPClient
    /// `http://host:port` of the provision server; relative URLs in the plan resolve against it.
    public let server: String
    public let timeout: TimeAmount

    public init(http: HTTPClient, server: String, timeout: TimeAmount = .seconds(30)) {
        self.http = http
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.timeout = timeout
    }

    /// The URL of this machine's plan: `<server>/install?mac=<mac>`.
    public func planURL(mac: String) -> String { "\(server)/install?mac=\(mac)" }

    /// `GET /install?mac=…` → the plan, with relative URLs made absolute.
    public func fetchPlan(mac: String) async throws -> InstallPlan {
        let url = planURL(mac: mac)
        let body: [UInt8]
        do {
            body = try await fetch(url, limit: 256 * 1024, token: nil)
        } catch let failure as FetchFailure {
            throw InstallError.planUnreachable(url: url, detail: failure.detail)
        }
        var plan: InstallPlan
        do {
            plan = try PlanDecoding.decode(body, from: url)
        } catch let error as InstallError {
            // A plan we refuse may still say where to report; tell the server why this machine will not install.
            if let target = PlanDecoding.eventTarget(body) {
                try? await post(InstallEvent(kind: .failed, reason: error.description), url: resolve(target.eventURL), token: target.token)
            }
            throw error
        }
        plan.imageURL = resolve(plan.imageURL)
        plan.signatureURL = resolve(plan.signatureURL)
        plan.cloudConfigURL = resolve(plan.cloudConfigURL)
        plan.eventURL = resolve(plan.eventURL)
        return plan
    }

    /// A small document (signature, cloud-config) whole; `what` names it in errors.
    public func fetchDocument(_ what: String, url: String, limit: Int, token: String?) async throws -> [UInt8] {
        do {
            return try await fetch(url, limit: limit, token: token)
        } catch let failure as FetchFailure {
            throw InstallError.fetchFailed(what: what, url: url, detail: failure.detail)
        }
    }

    /// `POST <plan.eventURL>` with the event as JSON and `Authorization: Bearer <plan.token>`; expects 2xx.
    public func post(_ event: InstallEvent, plan: InstallPlan) async throws {
        try await post(event, url: plan.eventURL, token: plan.token)
    }

    func post(_ event: InstallEvent, url: String, token: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        request.body = .bytes(ByteBuffer(bytes: try encoder.encode(event)))
        do {
            let response = try await http.execute(request, timeout: timeout)
            _ = try await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(response.status.code) else {
                throw FetchFailure(detail: "HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
        } catch let failure as FetchFailure {
            throw InstallError.reportFailed("POST \(url) (\(event.kind.rawValue)): \(failure.detail)")
        } catch {
            throw InstallError.reportFailed("POST \(url) (\(event.kind.rawValue)): \(error)")
        }
    }

    func resolve(_ url: String) -> String { url.hasPrefix("/") ? server + url : url }

    private func fetch(_ url: String, limit: Int, token: String?) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        do {
            let response = try await http.execute(request, timeout: timeout)
            guard response.status.code == 200 else {
                _ = try? await response.body.collect(upTo: 64 * 1024)
                throw FetchFailure(detail: "HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            var buffer = try await response.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let failure as FetchFailure {
            throw failure
        } catch let error as NIOTooManyBytesError {
            throw FetchFailure(detail: "larger than \(limit) bytes (\(error))")
        } catch {
            throw FetchFailure(detail: String(describing: error))
        }
    }
}

struct FetchFailure: Error {
    var detail: String
}

/// Reads a plan from JSON, naming the field at fault.
enum PlanDecoding {
    static func decode(_ body: [UInt8], from url: String) throws -> InstallPlan {
        let data = Data(body)
        do {
            return try JSONDecoder().decode(InstallPlan.self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.map(\.stringValue) == ["compression"] {
            let raw = (try? JSONDecoder().decode(CompressionOnly.self, from: data))?.compression ?? "?"
            throw InstallError.unknownCompression(raw)
        } catch let error as DecodingError {
            throw InstallError.planInvalid(url: url, detail: describe(error))
        } catch {
            throw InstallError.planInvalid(url: url, detail: String(describing: error))
        }
    }

    private struct CompressionOnly: Decodable { var compression: String }

    /// Where a plan says events go, read even from a plan that is otherwise refused.
    struct EventTarget: Decodable {
        var eventURL: String
        var token: String
        enum CodingKeys: String, CodingKey { case eventURL = "event_url", token }
    }

    static func eventTarget(_ body: [UInt8]) -> EventTarget? { try? JSONDecoder().decode(EventTarget.self, from: Data(body)) }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field '\(path(context))': \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON (\(context.debugDescription))" : "field '\(path(context))': \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
