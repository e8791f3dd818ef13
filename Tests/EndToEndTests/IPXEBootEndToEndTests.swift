import Foundation
import Testing
import TestSupport

/// Why the QEMU boot cannot run here, if it cannot (`make test` installs qemu-system-x86 and ipxe-qemu).
private let missingQEMU: String? = {
    if let tool = TestEnvironment.missingTools("qemu-system-x86_64") { return tool }
    let rom = "/usr/lib/ipxe/qemu/pxe-e1000.rom"
    return FileManager.default.fileExists(atPath: rom) ? nil : "no \(rom) (apt-get install ipxe-qemu)"
}()

/// A real iPXE boots from the server: QEMU's e1000 option ROM (Debian's ipxe-qemu, TCG), with QEMU's user-mode
/// network handing out an address and `/boot.ipxe` as the boot file. The profile's "kernel" is an iPXE script that
/// prints a marker, so the whole chain — /boot.ipxe → /ipxe?mac=… → kernel + initrd from /assets → boot — runs in
/// seconds without a Linux guest. Then the machine is reported installed and boots again: iPXE must get the
/// local-disk script and hand back to the firmware.
@Suite(.disabled(if: missingQEMU != nil, "\(missingQEMU ?? "")"))
struct IPXEBootEndToEndTests {
    let mac = "52:54:00:12:34:56"

    @Test func iPXEFollowsTheChainThenBootsLocallyOnceInstalled() async throws {
        let port = TestEnvironment.freePort()
        // The guest reaches the host's 127.0.0.1 as 10.0.2.2 (QEMU user networking), so that is the public URL.
        let publicURL = "http://10.0.2.2:\(port)"
        try await ProvisionServer.run(extraArguments: ["--http", "127.0.0.1:\(port)", "--public-url", publicURL]) { server in
            try server.root.write("profiles/smoke.yaml", """
                name: smoke
                boot:
                  kernel: smoke/kernel.ipxe
                  initrd: [smoke/initrd.img]
                  args: [console=ttyS0]
                install:
                  image: smoke/root.img
                  disk: auto
                """)
            try server.root.write("assets/smoke/kernel.ipxe", "#!ipxe\necho provision-smoke: kernel script running\n")
            try server.root.write("assets/smoke/initrd.img", "not really an initrd\n")
            #expect(try await HTTP.request(.POST, server.url + "/api/v1/reload",
                                           headers: [("Authorization", "Bearer \(server.adminToken)")]).status == 200)
            #expect(try await server.cli(["machine", "add", mac, "--name", "vm1", "--profile", "smoke"]).status == 0)

            let first = try await bootVM(publicURL: publicURL, until: "provision-smoke:")
            #expect(first.contains("\(publicURL)/boot.ipxe"), "\(first)")
            #expect(first.contains("\(publicURL)/assets/smoke/kernel.ipxe"), "\(first)")
            #expect(first.contains("\(publicURL)/assets/smoke/initrd.img"), "\(first)")
            #expect(first.contains("provision-smoke: kernel script running"), "\(first)")
            let shown = try await server.cli(["machine", "show", mac])
            #expect(shown.stdout.contains("booting"), "\(shown.stdout)")

            // The install agent would now report `done` with the per-boot token the machine was given (in its
            // kernel arguments; the operator's preview shows them).
            let preview = try await server.cli(["render", mac, "--what", "ipxe"]).stdout
            let token = try #require(preview.split(separator: " ").first { $0.hasPrefix("provision.token=") }?
                .dropFirst("provision.token=".count).split(separator: "\n").first.map(String.init))
            let done = try await HTTP.request(.POST, server.url + "/api/v1/machines/\(mac)/events",
                                              headers: [("Authorization", "Bearer \(token)")], body: #"{"kind":"done"}"#)
            #expect(done.status == 200)

            let second = try await bootVM(publicURL: publicURL, until: "No bootable device")
            #expect(second.contains("\(mac) is installed; booting from local disk"), "\(second)")
            #expect(!second.contains("kernel.ipxe"), "\(second)")
        }
    }

    /// Boots the VM from the network until `marker` shows on its serial console (or 90 s pass); returns the console.
    func bootVM(publicURL: String, until marker: String) async throws -> String {
        let vm = try ManagedProcess("qemu-system-x86_64", [
            "-machine", "accel=tcg", "-m", "128", "-nographic", "-no-reboot", "-boot", "n",
            "-netdev", "user,id=n0,bootfile=\(publicURL)/boot.ipxe",
            "-device", "e1000,netdev=n0,mac=\(mac)",
        ])
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline, vm.isRunning, !vm.stdout.contains(marker) {
            try await Task.sleep(for: .milliseconds(200))
        }
        await vm.stop(grace: .seconds(2))
        // iPXE draws progress with escape sequences and carriage returns; keep the text.
        return vm.stdout.replacingOccurrences(of: "\u{1b}", with: "")
    }
}
