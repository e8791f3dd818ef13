/// The body of a read (RRQ) or write (WRQ) request.
public struct TFTPRequest: Hashable, Sendable {
    /// The file name exactly as sent (not yet resolved or checked).
    public var filename: String
    public var mode: TFTPTransferMode
    /// Options in the order the client sent them (RFC 2347).
    public var options: [TFTPOption]

    public init(filename: String, mode: TFTPTransferMode, options: [TFTPOption] = []) {
        self.filename = filename
        self.mode = mode
        self.options = options
    }
}
