/// Why a requested name is not served, and the TFTP error that says so.
public enum FileResolutionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No root has the name (ERROR 1).
    case notFound(String)
    /// The name is unsafe or leads somewhere the server does not serve (ERROR 2).
    case refused(String, String)
    /// The file exists but could not be opened (ERROR 2).
    case unreadable(String, String)

    public var errorCode: TFTPErrorCode {
        switch self {
        case .notFound: .fileNotFound
        case .refused, .unreadable: .accessViolation
        }
    }

    /// The text sent to the client: short, and never revealing server paths.
    public var clientMessage: String {
        switch self {
        case .notFound: "file not found"
        case .refused: "access violation"
        case .unreadable: "access denied"
        }
    }

    public var description: String {
        switch self {
        case .notFound(let name): "'\(name)': not found in any TFTP root"
        case .refused(let name, let reason): "'\(name)': refused: \(reason)"
        case .unreadable(let name, let reason): "'\(name)': cannot open: \(reason)"
        }
    }
}
