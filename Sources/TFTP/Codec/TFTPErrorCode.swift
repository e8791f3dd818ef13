/// An ERROR packet's code (RFC 1350 section 5, RFC 2347 for code 8).
///
/// A struct rather than an enum so that codes outside the RFC table (sent by odd clients) still
/// parse and round-trip.
public struct TFTPErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// 0: not defined, see the message.
    public static let notDefined = TFTPErrorCode(rawValue: 0)
    /// 1: file not found.
    public static let fileNotFound = TFTPErrorCode(rawValue: 1)
    /// 2: access violation.
    public static let accessViolation = TFTPErrorCode(rawValue: 2)
    /// 3: disk full or allocation exceeded.
    public static let diskFull = TFTPErrorCode(rawValue: 3)
    /// 4: illegal TFTP operation.
    public static let illegalOperation = TFTPErrorCode(rawValue: 4)
    /// 5: unknown transfer ID.
    public static let unknownTransferID = TFTPErrorCode(rawValue: 5)
    /// 6: file already exists.
    public static let fileAlreadyExists = TFTPErrorCode(rawValue: 6)
    /// 7: no such user.
    public static let noSuchUser = TFTPErrorCode(rawValue: 7)
    /// 8: option negotiation refused (RFC 2347).
    public static let optionNegotiationFailed = TFTPErrorCode(rawValue: 8)

    public var description: String {
        switch self {
        case .notDefined: "not defined"
        case .fileNotFound: "file not found"
        case .accessViolation: "access violation"
        case .diskFull: "disk full"
        case .illegalOperation: "illegal TFTP operation"
        case .unknownTransferID: "unknown transfer ID"
        case .fileAlreadyExists: "file already exists"
        case .noSuchUser: "no such user"
        case .optionNegotiationFailed: "option negotiation failed"
        default: "error \(rawValue)"
        }
    }
}
