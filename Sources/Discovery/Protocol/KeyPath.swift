/// What a path below `/discovery` names.
enum KeyPath: Equatable, Sendable {
    /// `/new`: create a token.
    case newToken
    /// `/<token>`: the token directory.
    case directory(token: String)
    /// `/<token>/_config`.
    case config(token: String)
    /// `/<token>/_config/size`.
    case size(token: String)
    /// `/<token>/<name>`: a member key.
    case key(token: String, name: String)
    /// Anything deeper (`/<token>/a/b`): never stored, never writable.
    case other(token: String, path: String)
    /// `/` or an empty path.
    case root

    static let configName = "_config"

    /// Parses a percent-decoded path; repeated and trailing slashes are ignored, as etcd's `path.Clean` does.
    init(_ path: String) {
        let parts = path.split(separator: "/").map(String.init)
        guard let token = parts.first else { self = .root; return }
        switch parts.count {
        case 1: self = token == "new" ? .newToken : .directory(token: token)
        case 2 where parts[1] == Self.configName: self = .config(token: token)
        case 2 where parts[1] != "." && parts[1] != "..": self = .key(token: token, name: parts[1])
        case 3 where parts[1] == Self.configName && parts[2] == "size": self = .size(token: token)
        default: self = .other(token: token, path: "/" + parts.joined(separator: "/"))
        }
    }

    var token: String? {
        switch self {
        case .directory(let t), .config(let t), .size(let t), .key(let t, _), .other(let t, _): t
        case .newToken, .root: nil
        }
    }

    /// The etcd key this path names (`/<token>/_config/size`).
    var etcdKey: String {
        switch self {
        case .newToken: "/new"
        case .root: "/"
        case .directory(let t): "/\(t)"
        case .config(let t): "/\(t)/\(Self.configName)"
        case .size(let t): "/\(t)/\(Self.configName)/size"
        case .key(let t, let name): "/\(t)/\(name)"
        case .other(_, let path): path
        }
    }
}
