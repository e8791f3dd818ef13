import Foundation
import ProvisionModel
import ProvisionStore

/// Human-readable machine listings.
enum MachineTable {
    static func render(_ machines: [Machine]) -> String {
        let header = ["MAC", "NAME", "PROFILE", "STATE", "IP", "LABELS", "SINCE"]
        let rows = machines.map { m in
            [m.mac.description, m.name ?? "-", m.profile ?? "(groups)", stateText(m), m.ip ?? "-",
             m.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",").ifEmpty("-"),
             timestamp(m.stateChangedAt)]
        }
        return TextTable.render(header: header, rows: rows)
    }

    static func detail(_ d: MachineDetail) -> String {
        let m = d.machine
        var lines = [
            "mac:      \(m.mac)", "name:     \(m.name ?? "-")", "profile:  \(m.profile ?? "(selected by groups)")",
            "state:    \(stateText(m)) since \(timestamp(m.stateChangedAt))", "ip:       \(m.ip ?? "-")",
            "labels:   \(m.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ").ifEmpty("-"))",
            "metadata: \(m.metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ").ifEmpty("-"))",
            "created:  \(timestamp(m.createdAt))",
        ]
        if !d.events.isEmpty {
            lines.append("events:")
            for e in d.events {
                var text = "  \(timestamp(e.at))  \(e.kind)"
                if let message = e.message { text += ": \(message)" }
                if let bytes = e.bytes { text += "  \(bytes) bytes" }
                if let rate = e.rate { text += String(format: "  %.1f MiB/s", rate / 1_048_576) }
                lines.append(text)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func stateText(_ m: Machine) -> String {
        m.state == .failed ? "failed(\(m.stateReason ?? "unknown"))" : m.state.rawValue
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
