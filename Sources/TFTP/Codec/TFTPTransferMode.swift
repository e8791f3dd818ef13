/// The mode named in a read or write request (RFC 1350 section 1); compared case-insensitively.
public enum TFTPTransferMode: String, Hashable, Sendable {
    /// Text with CR LF line ends and CR NUL for a bare CR.
    case netascii
    /// Raw bytes.
    case octet
    /// Obsolete; parsed so it can be refused with a clear error.
    case mail

    /// The mode for a request's mode string, or nil when it is none of the three.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}
