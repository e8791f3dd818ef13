import Foundation
import ProvisionStore
@testable import Discovery

/// A service over an in-memory SQLite store with one token `tok` of size 3 (index 2).
struct ServiceFixture {
    static let publicURL = "http://boot.example:8080"
    let store: SQLiteStore
    let service: DiscoveryService

    init(watchTimeout: Duration = .seconds(60), tokenLifetime: Duration = .seconds(7 * 24 * 3600)) async throws {
        store = try SQLiteStore(path: ":memory:")
        service = DiscoveryService(store: store, configuration: DiscoveryConfiguration(
            watchTimeout: watchTimeout, tokenLifetime: tokenLifetime))
        _ = try await store.createToken("tok", size: 3, cluster: nil, at: Date())
    }

    @discardableResult
    func send(_ method: String, _ path: String, query: String? = nil, body: String = "") async -> DiscoveryResponse {
        await service.respond(to: DiscoveryRequest(method: method, path: path, rawQuery: query, body: Array(body.utf8)),
                              publicURL: Self.publicURL)
    }

    /// Registers a member the way etcd does (`PUT /<token>/<id>?prevExist=false`, form body).
    @discardableResult
    func register(_ id: String, _ value: String, token: String = "tok") async -> DiscoveryResponse {
        let body = "value=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        return await send("PUT", "/\(token)/\(id)", query: "prevExist=false", body: body)
    }

    /// Starts a watch and returns once it is parked (or already answered).
    func startWatch(_ path: String, query: String) async throws -> Task<DiscoveryResponse, Never> {
        let parked = await service.openWatches
        let answered = AnsweredRequests()
        let task = Task {
            let reply = await send("GET", path, query: query)
            await answered.insert(0)
            return reply
        }
        try await waitUntil {
            let open = await service.openWatches
            let done = await answered.contains(0)
            return open > parked || done
        }
        return task
    }
}
