import Foundation
import Testing
import TestSupport

private let unavailable: String? = NetworkNamespace.unavailable ?? TestEnvironment.missingTools("busybox", "python3")

/// `provision serve --dhcp server` in a namespace of its own, and busybox's udhcpc (a real DHCP client) in another,
/// joined by a veth pair: addresses from the range, reservations from machine records, boot answers for PXE
/// clients, unknown machines recorded as discovered, leases honoured after a restart, and router solicitations
/// answered with "no router, no DHCPv6".
@Suite(.serialized, .disabled(if: unavailable != nil, "\(unavailable ?? "")"))
struct DHCPServerEndToEndTests {
    @Test func udhcpcGetsLeasesReservationsAndBootAnswers() async throws {
        let serverSide = try await NetworkNamespace.create("pv-dhcps")
        let clientSide = try await NetworkNamespace.create("pv-dhcpc")
        try await withTeardown { teardown in
            await teardown.add { await serverSide.delete() }
            await teardown.add { await clientSide.delete() }
            try await Tool.run("ip", ["link", "add", "pvs0", "netns", serverSide.name, "type", "veth", "peer", "name", "pvc0", "netns", clientSide.name])
            try await serverSide.run(["ip", "addr", "add", "10.77.0.1/24", "dev", "pvs0"])
            try await serverSide.run(["ip", "link", "set", "pvs0", "up"])
            try await clientSide.run(["ip", "link", "set", "pvc0", "up"])
            let port = TestEnvironment.freePort()
            try await ProvisionServer.run(extraArguments: [
                "--dhcp", "server", "--interface", "pvs0", "--range", "10.77.0.100-10.77.0.110", "--lease", "10m",
                "--router", "10.77.0.254", "--public-url", "http://10.77.0.1:\(port)", "--log-level", "debug",
            ], namespace: serverSide, host: "10.77.0.1", port: port) { server in
                let pxe = try await lease(clientSide, mac: "52:54:00:77:00:01", vendorClass: "PXEClient:Arch:00000:UNDI:002001")
                #expect(pxe["ip"] == "10.77.0.100", "\(pxe) \(server.serverLog)")
                #expect(pxe["subnet"] == "255.255.255.0" && pxe["router"] == "10.77.0.254" && pxe["lease"] == "600", "\(pxe)")
                #expect(pxe["serverid"] == "10.77.0.1" && pxe["siaddr"] == "10.77.0.1" && pxe["boot_file"] == "undionly.kpxe", "\(pxe)")
                let discovered = try await server.cli(["machine", "list", "--state", "discovered"])
                #expect(discovered.stdout.contains("52:54:00:77:00:01"), "\(discovered)")

                // iPXE waits ~15 s for an IPv6 router unless one says there is none: router lifetime 0, M and O clear.
                let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/Fixtures/router_solicit.py").path
                let advertisement = try await clientSide.run(["python3", script, "pvc0"], timeout: .seconds(10)).stdout
                #expect(advertisement.hasPrefix("from=fe80:") && advertisement.contains("lifetime=0 flags=0"), "\(advertisement)")

                #expect(try await server.cli(["machine", "add", "52:54:00:77:00:02", "--ip", "10.77.0.50/24"]).status == 0)
                try await Task.sleep(for: .seconds(10))   // reservations are re-read every 10 s
                let reserved = try await lease(clientSide, mac: "52:54:00:77:00:02", vendorClass: nil)
                #expect(reserved["ip"] == "10.77.0.50", "\(reserved)")
                #expect(reserved["boot_file"] == nil, "a client that is not network-booting gets no boot file: \(reserved)")

                try await server.restart()
                // 10.77.0.100 is still leased to the first client, so a newcomer gets the next address.
                let newcomer = try await lease(clientSide, mac: "52:54:00:77:00:03", vendorClass: nil)
                #expect(newcomer["ip"] == "10.77.0.101", "\(newcomer) \(server.serverLog)")
                let again = try await lease(clientSide, mac: "52:54:00:77:00:01", vendorClass: "PXEClient:Arch:00007:UNDI:003016",
                                            extra: ["-x", "0x5d:0007"])   // option 93: x86-64 UEFI
                #expect(again["ip"] == "10.77.0.100" && again["boot_file"] == "ipxe.efi", "\(again)")
            }
        }
    }

    /// Runs udhcpc once on pvc0 with `mac`; returns the variables its script saw on `bound`.
    func lease(_ namespace: NetworkNamespace, mac: String, vendorClass: String?, extra: [String] = []) async throws -> [String: String] {
        let dir = try TemporaryDirectory("udhcpc")
        defer { dir.remove() }
        let output = dir.path + "/bound.env"
        try dir.write("script", "#!/bin/sh\n[ \"$1\" = bound ] && env > \(output)\nexit 0\n")
        try await Tool.run("chmod", ["+x", dir.path + "/script"])
        try await namespace.run(["ip", "link", "set", "pvc0", "address", mac])
        try await namespace.run(["busybox", "udhcpc", "-i", "pvc0", "-f", "-q", "-n", "-t", "5", "-T", "1",
                                 "-s", dir.path + "/script"] + (vendorClass.map { ["-V", $0] } ?? []) + extra, timeout: .seconds(30))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        return Dictionary(text.split(separator: "\n").compactMap { line in
            line.firstIndex(of: "=").map { (String(line[..<$0]), String(line[line.index(after: $0)...])) }
        }, uniquingKeysWith: { $1 })
    }
}
