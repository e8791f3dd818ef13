/// Why `provision image import` refused an image. Nothing is left under `assets/` when it does.
public enum ImportError: Error, CustomStringConvertible {
    case badName(what: String, value: String)
    case unreadable(String, String)
    case alreadyImported(String)
    case rejected(String)
    case writeFailed(String, String)

    public var description: String {
        switch self {
        case .badName(let what, let value): "invalid \(what) '\(value)': use letters, digits, '.', '_' and '-' only"
        case .unreadable(let path, let detail): "\(path): \(detail)"
        case .alreadyImported(let path): "\(path) already holds a different image; versions are immutable, import under a new version"
        case .rejected(let detail): "image refused: \(detail)"
        case .writeFailed(let path, let detail): "\(path): \(detail)"
        }
    }
}
