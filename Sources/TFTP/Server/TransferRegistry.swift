import NIOCore

/// The transfers in flight, for the concurrency limit and for closing them at shutdown. Lives on
/// the listener's event loop and is touched only there.
final class TransferRegistry {
    private var channels: [ObjectIdentifier: any Channel] = [:]
    /// Transfers counted from the request until their channel closes (including ones still binding).
    private(set) var active = 0
    private(set) var isClosed = false

    func reserve() { active += 1 }

    func release() { active -= 1 }

    func add(_ channel: any Channel) { channels[ObjectIdentifier(channel)] = channel }

    func remove(_ channel: any Channel) {
        if channels.removeValue(forKey: ObjectIdentifier(channel)) != nil { release() }
    }

    /// Refuses new transfers and closes the running ones; the future completes when all are closed.
    func closeAll(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        isClosed = true
        let closing = channels.values.map { channel in channel.close().recover { _ in } }
        return EventLoopFuture.andAllComplete(closing, on: eventLoop)
    }
}
