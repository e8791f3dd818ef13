/// A server-mode setting that cannot work (range outside the subnet, no interface address …), said in one line.
public struct DHCPConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
