import Foundation

/// A value shared between threads, read and written under a lock.
public final class LockedValue<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only touched while `lock` is held.
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    public var current: Value { withValue { $0 } }
}

/// A byte count shared between the pipeline (which adds) and the progress display (which reads).
public final class ByteCounter: Sendable {
    private let total = LockedValue<Int64>(0)

    public init() {}

    public func add(_ bytes: Int64) { total.withValue { $0 += bytes } }

    public var count: Int64 { total.current }
}
