/// An etcd v2 error reply (`{"errorCode":100,"message":"Key not found","cause":"/tok/x","index":5}`).
/// Codes, messages and statuses are etcd's own (`etcdserver/api/v2error`).
struct EtcdError: Error, Sendable, Equatable {
    enum Code: Int, Sendable {
        case keyNotFound = 100
        case notFile = 102
        case keyExists = 105
        case rootReadOnly = 107
        case indexNaN = 203
        case invalidField = 209
        case raftInternal = 300

        var message: String {
            switch self {
            case .keyNotFound: "Key not found"
            case .notFile: "Not a file"
            case .keyExists: "Key already exists"
            case .rootReadOnly: "Root is read only"
            case .indexNaN: "The given index in POST form is not a number"
            case .invalidField: "Invalid field"
            case .raftInternal: "Raft Internal Error"
            }
        }

        var status: Int {
            switch self {
            case .keyNotFound: 404
            case .notFile, .rootReadOnly: 403
            case .keyExists: 412
            case .indexNaN, .invalidField: 400
            case .raftInternal: 500
            }
        }
    }

    var code: Code
    var cause: String
    /// The token's current index (0 when the token does not exist).
    var index: UInt64

    /// etcd's field order: errorCode, message, cause (omitted when empty), index.
    var json: String {
        var out = "{\"errorCode\":\(code.rawValue),\"message\":" + GoJSON.quoted(code.message)
        if !cause.isEmpty { out += ",\"cause\":" + GoJSON.quoted(cause) }
        return out + ",\"index\":\(index)}"
    }

    var response: DiscoveryResponse { .json(code.status, index: index, json) }
}
