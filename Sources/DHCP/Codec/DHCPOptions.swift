/// A message's options in wire order. Repeated instances of one code are joined when parsed (RFC 3396) and
/// split into 255-byte pieces when encoded, so callers only see whole values.
public struct DHCPOptions: Equatable, Sendable {
    public private(set) var entries: [(code: DHCPOptionCode, data: [UInt8])] = []

    public init() {}

    public subscript(code: DHCPOptionCode) -> [UInt8]? {
        get { entries.first { $0.code == code }?.data }
        set {
            if let index = entries.firstIndex(where: { $0.code == code }) {
                if let newValue { entries[index].data = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((code, newValue))
            }
        }
    }

    /// Appends `data` to the option's value (a continuation instance), creating it if absent.
    mutating func append(_ code: DHCPOptionCode, _ data: ArraySlice<UInt8>) {
        if let index = entries.firstIndex(where: { $0.code == code }) {
            entries[index].data += data
        } else {
            entries.append((code, Array(data)))
        }
    }

    /// The same codes with the same values, in any order (encoding puts option 53 first).
    public static func == (a: DHCPOptions, b: DHCPOptions) -> Bool {
        a.entries.count == b.entries.count && a.entries.allSatisfy { b[$0.code] == $0.data }
    }

    // MARK: - Typed views

    public var messageType: DHCPMessageType? {
        get { self[.messageType].flatMap { $0.count == 1 ? DHCPMessageType(rawValue: $0[0]) : nil } }
        set { self[.messageType] = newValue.map { [$0.rawValue] } }
    }

    public func address(_ code: DHCPOptionCode) -> IPv4Address? {
        fourBytes(code).map(IPv4Address.init(value:))
    }

    public mutating func setAddresses(_ code: DHCPOptionCode, _ addresses: [IPv4Address]) {
        self[code] = addresses.isEmpty ? nil : addresses.flatMap(\.bytes)
    }

    /// A 4-byte value (lease, renewal and rebinding times).
    public func seconds(_ code: DHCPOptionCode) -> UInt32? { fourBytes(code) }

    private func fourBytes(_ code: DHCPOptionCode) -> UInt32? {
        self[code].flatMap { UInt32(networkOrder: $0) }
    }

    public mutating func setSeconds(_ code: DHCPOptionCode, _ value: UInt32) {
        self[code] = value.networkOrderBytes
    }

    /// The option as text (vendor class, host name), when it is valid UTF-8; trailing NULs dropped.
    public func text(_ code: DHCPOptionCode) -> String? {
        guard var data = self[code] else { return nil }
        while data.last == 0 { data.removeLast() }
        return String(validating: data, as: UTF8.self)
    }

    /// RFC 4578 option 93: the first architecture type the client lists.
    public var clientArchitecture: UInt16? {
        guard let data = self[.clientArchitecture], data.count >= 2 else { return nil }
        return UInt16(data[0]) << 8 | UInt16(data[1])
    }

    /// RFC 3004 user classes: length-prefixed strings; iPXE sends the bare string `iPXE`, which is read as one class.
    public var userClasses: [String] {
        guard let data = self[.userClass], !data.isEmpty else { return [] }
        var classes: [String] = []
        var index = 0
        while index < data.count {
            let length = Int(data[index])
            guard length > 0, index + 1 + length <= data.count else {
                return [String(decoding: data, as: UTF8.self)]
            }
            classes.append(String(decoding: data[(index + 1)..<(index + 1 + length)], as: UTF8.self))
            index += 1 + length
        }
        return classes
    }
}
