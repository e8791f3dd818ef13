import ProvisionStore

/// `GET …?wait=true`: replay from history, else long-poll until a matching write or the timeout.
extension DiscoveryService {
    /// Replies carry `X-Etcd-Index` = the token's index when the watch began, as etcd does.
    func watch(_ path: KeyPath, _ request: DiscoveryRequest) async throws -> DiscoveryResponse {
        let token = try await existingToken(path)
        var since = token.index + 1
        if let text = request.parameter("waitIndex") {
            guard let index = UInt64(text) else { throw EtcdError(code: .indexNaN, cause: "invalid value for waitIndex", index: 0) }
            since = index
        }
        let filter = WatchFilter(path: path, recursive: request.flag("recursive"), sinceIndex: since)
        let id = await hub.register(filter, token: token.id)
        let replayed: KeySpaceEvent?
        do {
            replayed = try await store.events(in: token.id, from: since).first(where: filter.matches)
        } catch {
            await hub.finish(id, token: token.id)
            // A watch cancelled while its replay query runs ends like any cancelled watch: empty.
            if error is CancellationError || Task.isCancelled { return .emptyWatch(index: token.index) }
            throw error
        }
        let event: KeySpaceEvent?
        if replayed != nil {
            await hub.finish(id, token: token.id)
            event = replayed
        } else {
            event = await waitForEvent(id, token: token.id)
        }
        guard let event else { return .emptyWatch(index: token.index) }
        return .json(200, index: token.index, EtcdReply(token: token.id, event: event).json)
    }

    /// Parks the registered watch until its event, the configured timeout, or cancellation of the request.
    private func waitForEvent(_ id: UInt64, token: String) async -> KeySpaceEvent? {
        let hub = self.hub
        let timeout = configuration.watchTimeout
        let timer = Task {
            try await Task.sleep(for: timeout)
            await hub.finish(id, token: token)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await hub.wait(id, token: token)
        } onCancel: {
            Task { await hub.finish(id, token: token) }
        }
    }
}
