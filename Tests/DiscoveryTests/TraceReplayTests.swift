import Foundation
import ProvisionStore
import Testing
@testable import Discovery

/// Replays the real etcd member's requests in start-time order against our service and compares every
/// reply (status, X-Etcd-Index, body bytes) with what etcd-hosted discovery answered.
@Suite struct TraceReplayTests {
    @Test func everyReplyMatchesTheReferenceTraceByteForByte() async throws {
        let entries = try TraceEntry.load()
        #expect(entries.count == 21)
        let store = try SQLiteStore(path: ":memory:")
        _ = try await store.createToken("tok123", size: 3, cluster: nil, at: Date())
        let service = DiscoveryService(store: store)

        let answered = AnsweredRequests()
        var pending: [(TraceEntry, Task<DiscoveryResponse, Never>)] = []
        let ordered = entries.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
        for (number, entry) in ordered {
            let request = DiscoveryRequest(method: entry.method, path: entry.path, rawQuery: entry.query,
                                           body: Array((entry.body ?? "").utf8))
            let parked = await service.openWatches
            let task = Task {
                let reply = await service.respond(to: request, publicURL: "http://127.0.0.1:8080")
                await answered.insert(number)
                return reply
            }
            if entry.isWatch {
                // A long-poll must be parked (or already answered from history) before the next request runs.
                try await waitUntil {
                    let open = await service.openWatches
                    let done = await answered.contains(number)
                    return open > parked || done
                }
            } else {
                _ = await task.value
            }
            pending.append((entry, task))
        }
        for (entry, task) in pending {
            let reply = await task.value
            #expect(reply.status == entry.status, "\(entry)")
            #expect(reply.etcdIndex == entry.etcdIndex, "\(entry)")
            #expect(reply.bodyText == entry.json + "\n", "\(entry)")
            #expect(reply.contentType == "application/json", "\(entry)")
        }
    }

    @Test func theTraceParsesIntoRequestsOfEveryKind() throws {
        let entries = try TraceEntry.load()
        #expect(Set(entries.map(\.member)) == ["m1", "m2", "m3"])
        #expect(entries.filter { $0.method == "PUT" }.count == 3)
        #expect(entries.filter(\.isWatch).count == 6)
    }
}

