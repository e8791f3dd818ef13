/// A store failure callers can act on. A struct over a private enum so new cases never break callers.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case notFound, alreadyExists, conflict, backend
    }
    private let kind: Kind
    /// What it concerns (`machine 52:54:00:…`) or the backend's message.
    public let detail: String

    public static func notFound(_ what: String) -> StoreError { .init(kind: .notFound, detail: what) }
    public static func alreadyExists(_ what: String) -> StoreError { .init(kind: .alreadyExists, detail: what) }
    public static func conflict(_ what: String) -> StoreError { .init(kind: .conflict, detail: what) }
    public static func backend(_ message: String) -> StoreError { .init(kind: .backend, detail: message) }

    public var isNotFound: Bool { kind == .notFound }
    public var isAlreadyExists: Bool { kind == .alreadyExists }
    public var isConflict: Bool { kind == .conflict }

    public var description: String {
        switch kind {
        case .notFound: "\(detail): not found"
        case .alreadyExists: "\(detail): already exists"
        case .conflict: "\(detail): changed concurrently, try again"
        case .backend: "store: \(detail)"
        }
    }
}
