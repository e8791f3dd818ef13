/// Settings for `TFTPServer`. Defaults suit serving iPXE to PXE ROMs.
public struct TFTPServerConfiguration: Sendable {
    /// Address to listen on ("0.0.0.0" for all IPv4 interfaces).
    public var host: String
    /// UDP port to listen on (69 is the TFTP port; 0 picks a free one, for tests).
    public var port: Int
    /// Where files come from, searched in order.
    public var roots: [TFTPRoot]
    /// Largest `blksize` granted (at most 65464). When the listening interface's MTU is known it
    /// lowers this further so a block fits one unfragmented datagram.
    public var maxBlockSize: Int
    /// Largest `windowsize` granted; a transfer buffers at most blksize × windowsize bytes.
    public var maxWindowSize: Int
    /// Wait for an ACK before retransmitting, unless the client negotiates `timeout`.
    public var timeout: Duration
    /// Retransmissions in a row without progress before a transfer is dropped.
    public var retries: Int
    /// Transfers running at once; a request beyond this gets ERROR 0 "server busy".
    public var maxTransfers: Int

    public init(host: String = "0.0.0.0", port: Int = 69, roots: [TFTPRoot],
                maxBlockSize: Int = 65464, maxWindowSize: Int = 64, timeout: Duration = .seconds(1),
                retries: Int = 5, maxTransfers: Int = 1024) {
        self.host = host
        self.port = port
        self.roots = roots
        self.maxBlockSize = maxBlockSize
        self.maxWindowSize = maxWindowSize
        self.timeout = timeout
        self.retries = retries
        self.maxTransfers = maxTransfers
    }

    /// The usual roots: the assets directory first, then the iPXE binaries (Debian's by default).
    public static func defaultRoots(assets: String, ipxeDirectory: String = "/usr/lib/ipxe") -> [TFTPRoot] {
        [.directory(assets), .ipxe(directory: ipxeDirectory)]
    }
}
