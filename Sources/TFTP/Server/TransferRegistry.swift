import NIOCore

/// The transfers in flight, for the concurrency limit and for closing them at shutdown. Lives on
/// the listener's event loop and is touched only there.
final class TransferRegistry {
    private var transfers: [Int: any RunningTransfer] = [:]
    private var reserved: Set<Int> = []
    private var nextID = 0
    private var drained: [EventLoopPromise<Void>] = []
    private(set) var isClosed = false

    /// Transfers counted from the request until they end.
    var active: Int { reserved.count }

    /// Counts a transfer about to start; returns the id to `add` and end it with.
    func reserve() -> Int {
        nextID += 1
        reserved.insert(nextID)
        return nextID
    }

    /// Records a started transfer; `ended(id)` must follow (on this loop) when it is over.
    func add(_ transfer: any RunningTransfer, id: Int) {
        transfers[id] = transfer
        if isClosed { transfer.stop() }
    }

    /// The transfer `id` is over (or never started).
    func ended(_ id: Int) {
        transfers[id] = nil
        guard reserved.remove(id) != nil else { return }
        if isClosed, reserved.isEmpty { drained.forEach { $0.succeed() }; drained = [] }
    }

    /// Refuses new transfers and stops the running ones; the future completes when all have ended.
    func closeAll(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        isClosed = true
        guard active > 0 else { return eventLoop.makeSucceededVoidFuture() }
        let promise = eventLoop.makePromise(of: Void.self)
        drained.append(promise)
        transfers.values.forEach { $0.stop() }
        return promise.futureResult
    }
}
