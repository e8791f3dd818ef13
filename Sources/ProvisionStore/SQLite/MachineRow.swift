import Foundation
import GRDB
import ProvisionModel

/// A `machine` table row. Labels and metadata are JSON text; times are Unix seconds.
struct MachineRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "machine"

    var mac: String
    var name: String?
    var profile: String?
    var labels: String
    var metadata: String
    var ip: String?
    var state: String
    var stateReason: String?
    var stateChangedAt: Double
    var createdAt: Double
    var updatedAt: Double
    var installToken: String?
    var revision: Int64

    init(_ m: Machine) throws {
        mac = m.mac.description
        name = m.name
        profile = m.profile
        labels = try JSONText.encode(m.labels)
        metadata = try JSONText.encode(m.metadata)
        ip = m.ip
        state = m.state.rawValue
        stateReason = m.stateReason
        stateChangedAt = m.stateChangedAt.timeIntervalSince1970
        createdAt = m.createdAt.timeIntervalSince1970
        updatedAt = m.updatedAt.timeIntervalSince1970
        installToken = m.installToken
        revision = m.revision
    }

    func machine() throws -> Machine {
        guard let address = MACAddress(mac), let machineState = MachineState(rawValue: state) else {
            throw StoreError.backend("corrupt machine row '\(mac)' (state '\(state)')")
        }
        var m = Machine(mac: address, name: name, profile: profile,
                        labels: try JSONText.decode(labels), metadata: try JSONText.decode(metadata),
                        ip: ip, state: machineState, stateReason: stateReason,
                        now: Date(timeIntervalSince1970: createdAt), installToken: installToken, revision: revision)
        m.stateChangedAt = Date(timeIntervalSince1970: stateChangedAt)
        m.updatedAt = Date(timeIntervalSince1970: updatedAt)
        return m
    }
}

/// An `event` table row.
struct EventRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "event"

    var id: Int64?
    var mac: String
    var at: Double
    var kind: String
    var message: String?
    var bytes: Int64?
    var rate: Double?

    init(_ e: MachineEvent) {
        mac = e.mac.description
        at = e.at.timeIntervalSince1970
        kind = e.kind
        message = e.message
        bytes = e.bytes
        rate = e.rate
    }

    func event() -> MachineEvent? {
        guard let address = MACAddress(mac) else { return nil }
        return MachineEvent(mac: address, at: Date(timeIntervalSince1970: at), kind: kind,
                            message: message, bytes: bytes, rate: rate)
    }
}

/// `[String: String]` ⇄ compact JSON text with sorted keys (so unchanged maps compare equal on disk).
enum JSONText {
    static func encode(_ map: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(map), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
