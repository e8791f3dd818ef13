/// Decides which of a read request's options the server accepts (RFC 2347 framework, 2348 `blksize`,
/// 2349 `tsize` and `timeout`, 7440 `windowsize`). Pure: the caller supplies limits and the file size.
public struct OptionNegotiation: Sendable {
    /// The largest `blksize` RFC 2348 allows.
    public static let largestBlockSize = 65464
    /// The smallest `blksize` RFC 2348 allows.
    public static let smallestBlockSize = 8

    /// Upper bound for `blksize` (configuration and MTU combined); at most `largestBlockSize`.
    public var maximumBlockSize: Int
    /// Upper bound for `windowsize`.
    public var maximumWindowSize: Int
    /// Timeout used when the client does not ask for one.
    public var defaultTimeout: Duration

    public init(maximumBlockSize: Int = OptionNegotiation.largestBlockSize, maximumWindowSize: Int = 64,
                defaultTimeout: Duration = .seconds(1)) {
        self.maximumBlockSize = min(max(maximumBlockSize, Self.smallestBlockSize), Self.largestBlockSize)
        self.maximumWindowSize = max(maximumWindowSize, 1)
        self.defaultTimeout = defaultTimeout
    }

    /// The parameters for a request. `fileSize` answers `tsize` (pass nil when the size on the wire
    /// is unknown, as in netascii mode, and `tsize` is then left out).
    ///
    /// Unknown options, duplicates of an earlier option, and out-of-range `timeout`/`windowsize` are
    /// ignored (left out of the OACK), as RFC 2347 allows. A `blksize` above the maximum is lowered to
    /// it; a `blksize` below 8 or not a number is refused with `NegotiationError` (ERROR 8).
    public func negotiate(_ options: [TFTPOption], fileSize: Int?) throws(NegotiationError) -> TransferParameters {
        var parameters = TransferParameters(timeout: defaultTimeout)
        var seen: Set<String> = []
        for option in options {
            let name = option.name.lowercased()
            guard seen.insert(name).inserted else { continue }
            guard let accepted = try accept(name: name, value: option.value, fileSize: fileSize,
                                            into: &parameters) else { continue }
            parameters.acknowledgedOptions.append(TFTPOption(option.name, accepted))
        }
        return parameters
    }

    /// Applies one option; returns the value to confirm, or nil to leave it out of the OACK.
    private func accept(name: String, value: String, fileSize: Int?,
                        into parameters: inout TransferParameters) throws(NegotiationError) -> String? {
        switch name {
        case "blksize":
            guard let requested = Int(value), requested >= Self.smallestBlockSize else {
                throw .blockSizeOutOfRange(value)
            }
            parameters.blockSize = min(requested, maximumBlockSize)
            return String(parameters.blockSize)
        case "tsize":
            guard let fileSize else { return nil }
            return String(fileSize)
        case "timeout":
            guard let seconds = Int(value), (1...255).contains(seconds) else { return nil }
            parameters.timeout = .seconds(seconds)
            return String(seconds)
        case "windowsize":
            guard let requested = Int(value), (1...65535).contains(requested) else { return nil }
            parameters.windowSize = min(requested, maximumWindowSize)
            return String(parameters.windowSize)
        default:
            return nil
        }
    }
}

/// A request option the server refuses outright (answered with ERROR 8).
public enum NegotiationError: Error, Hashable, Sendable, CustomStringConvertible {
    case blockSizeOutOfRange(String)

    public var description: String {
        switch self {
        case .blockSizeOutOfRange(let value):
            "blksize '\(value)' is not a number from \(OptionNegotiation.smallestBlockSize) to \(OptionNegotiation.largestBlockSize)"
        }
    }
}
