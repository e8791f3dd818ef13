/// Why a token operation failed. A struct over a private enum so new cases never break callers.
public struct DiscoveryError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case invalidSize, invalidClusterName, clusterTaken, tokenNotFound
    }
    private let kind: Kind
    private let detail: String

    /// A size outside `DiscoveryConfiguration.sizes`, or not a number.
    public static func invalidSize(_ text: String) -> DiscoveryError { .init(kind: .invalidSize, detail: text) }
    public static func invalidClusterName(_ name: String) -> DiscoveryError { .init(kind: .invalidClusterName, detail: name) }
    /// Another token is already bound to this cluster name.
    public static func clusterTaken(_ name: String) -> DiscoveryError { .init(kind: .clusterTaken, detail: name) }
    public static func tokenNotFound(_ token: String) -> DiscoveryError { .init(kind: .tokenNotFound, detail: token) }

    public var isInvalidInput: Bool { kind == .invalidSize || kind == .invalidClusterName }
    public var isConflict: Bool { kind == .clusterTaken }
    public var isNotFound: Bool { kind == .tokenNotFound }

    public var description: String {
        switch kind {
        case .invalidSize:
            "size must be a whole number from \(DiscoveryConfiguration.sizes.lowerBound) to \(DiscoveryConfiguration.sizes.upperBound), got '\(detail)'"
        case .invalidClusterName:
            "cluster name '\(detail)' is invalid: use 1-63 letters, digits, '.', '_' or '-'"
        case .clusterTaken: "cluster '\(detail)' already has a discovery token"
        case .tokenNotFound: "discovery token '\(detail)' not found"
        }
    }
}
