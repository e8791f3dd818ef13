import Foundation
import Testing
import TestSupport

/// Why the VM install cannot run here, if it cannot (`make test` installs what it needs; we are root there).
private let unavailable: String? = {
    if let reason = NetworkNamespace.unavailable { return reason }
    if let tool = TestEnvironment.missingTools("qemu-system-x86_64", "busybox", "cpio", "dnsmasq", "sgdisk", "e2fsck", "debugfs", "zstd") {
        return tool
    }
    let rom = "/usr/lib/ipxe/qemu/pxe-e1000.rom"
    return FileManager.default.fileExists(atPath: rom) ? nil : "no \(rom) (apt-get install ipxe-qemu)"
}()

/// Power on to installed disk with a real virtual machine: in a namespace the test creates (bridge br0 + tap0),
/// `provision serve` answers DHCP (its own server mode, or proxy mode beside dnsmasq), and QEMU (TCG, e1000 with
/// Debian's iPXE ROM, a blank virtio disk) boots from the network: DHCP → /boot.ipxe → /ipxe → Debian's kernel and
/// an initrd holding `provision install` (built by Tests/vm/build-assets.sh, cached in Tests/.cache/vm) → the
/// signed image on the VM's disk → events → `installed` → the next boot gets the local-disk script. A third run uses
/// UEFI firmware with a plain PXE ROM, so the chain starts ROM DHCP → TFTP `ipxe.efi` → iPXE.
@Suite(.serialized, .disabled(if: unavailable != nil, "\(unavailable ?? "")"))
struct NetworkInstallEndToEndTests {
    let mac = "52:54:00:79:00:01"
    static let cache = TestEnvironment.packageRoot.appendingPathComponent("Tests/.cache/vm").path

    @Test func serverModeInstallsTheVMAndItsNextBootIsLocal() async throws {
        try await withVMNetwork { network, work, _ in
            try await withServer(network, work, dhcp: ["--dhcp", "server", "--range", "10.79.0.100-10.79.0.150"]) { server in
                let console = try await boot(network, disk: work.path + "/disk.img", until: "provision-vm: install exited")
                #expect(console.contains("Filename: http://10.79.0.1:"), "\(console)")
                #expect(console.contains("provision-vm: install exited 0"), "\(console)\n\(server.serverLog)")
                let shown = try await server.cli(["machine", "show", mac]).stdout
                #expect(shown.contains("state:    installed"), "\(shown)")
                try await checkDisk(work.path + "/disk.img", work: work)

                // The disk has no boot loader (the image is not a real OS), so the boot ends once iPXE hands back.
                let second = try await boot(network, disk: work.path + "/disk.img", until: "booting from local disk")
                #expect(second.contains("\(mac) is installed; booting from local disk"), "\(second)")
                #expect(!second.contains("vmlinuz"), "\(second)")
            }
        }
    }

    @Test func proxyModeBesideDnsmasqInstallsTheVM() async throws {
        try await withVMNetwork { network, work, teardown in
            // dnsmasq hands out addresses only (no PXE options); we add the boot answers on ports 67 and 4011.
            // It runs as a daemon, stopped by the PID it writes: in the foreground it closes the descriptor Foundation's
            // Process watches for its exit, and Foundation then blocks in waitpid and never notices another child exit.
            let pidFile = work.path + "/dnsmasq.pid"
            try await network.run(["dnsmasq", "--port=0", "--user=root", "--interface=br0", "--bind-interfaces",
                                   "--dhcp-range=10.79.0.100,10.79.0.150,1h", "--dhcp-leasefile=\(work.path)/dnsmasq.leases",
                                   "--pid-file=\(pidFile)", "--log-facility=\(work.path)/dnsmasq.log"])
            await teardown.add {
                if let pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                    kill(pid, SIGKILL)
                }
            }
            try await withServer(network, work, dhcp: ["--dhcp", "proxy"]) { server in
                let console = try await boot(network, disk: work.path + "/disk.img", until: "provision-vm: install exited")
                #expect(console.contains("provision-vm: install exited 0"), "\(console)\n\(server.serverLog)")
                let shown = try await server.cli(["machine", "show", mac]).stdout
                #expect(shown.contains("state:    installed"), "\(shown)")
                try await checkDisk(work.path + "/disk.img", work: work)
            }
        }
    }

    /// The whole PXE chain with a real (non-iPXE) ROM: OVMF's UEFI PXE gets `ipxe.efi` over our TFTP, then iPXE
    /// takes over as above.
    @Test(.disabled(if: !FileManager.default.fileExists(atPath: "/usr/share/OVMF/OVMF_CODE_4M.fd"),
                    "no /usr/share/OVMF/OVMF_CODE_4M.fd (apt-get install ovmf)"))
    func uefiPXEChainsThroughTFTPAndInstalls() async throws {
        try await withVMNetwork { network, work, _ in
            try await withServer(network, work, dhcp: ["--dhcp", "server", "--range", "10.79.0.100-10.79.0.150"]) { server in
                let console = try await boot(network, disk: work.path + "/disk.img", until: "provision-vm: install exited",
                                             firmware: .uefiPXE, work: work)
                #expect(console.contains("UEFI PXEv4"), "\(console)")
                #expect(console.contains("NBP file downloaded successfully"), "\(console)")
                #expect(server.serverLog.contains("file=ipxe.efi") && server.serverLog.contains("tftp transfer completed"), "\(server.serverLog)")
                // EDK2 sizes ipxe.efi first (tsize only, then it ends the transfer): not a failure worth an operator's notice.
                #expect(server.serverLog.contains("tftp size query answered"), "\(server.serverLog)")
                #expect(!server.serverLog.contains("tftp transfer failed"), "\(server.serverLog)")
                #expect(console.contains("Filename: http://10.79.0.1:"), "\(console)")
                #expect(console.contains("provision-vm: install exited 0"), "\(console)\n\(server.serverLog)")
                let shown = try await server.cli(["machine", "show", mac]).stdout
                #expect(shown.contains("state:    installed"), "\(shown)")
                try await checkDisk(work.path + "/disk.img", work: work)
            }
        }
    }

    // MARK: - Pieces

    /// A namespace with bridge br0 (10.79.0.1/24) and tap0 on it, a work directory with a blank 512 MiB disk, and
    /// the cached kernel, initrd and signing key. Everything is removed afterwards.
    func withVMNetwork(_ body: (NetworkNamespace, TemporaryDirectory, Teardown) async throws -> Void) async throws {
        try await buildAssets()
        let network = try await NetworkNamespace.create("pv-vm")
        let work = try TemporaryDirectory("vm-install")
        try await withTeardown { teardown in
            await teardown.add { await network.delete() }
            await teardown.add { work.remove() }
            for command in [["ip", "link", "add", "br0", "type", "bridge"], ["ip", "addr", "add", "10.79.0.1/24", "dev", "br0"],
                            ["ip", "link", "set", "br0", "up"], ["ip", "tuntap", "add", "tap0", "mode", "tap"],
                            ["ip", "link", "set", "tap0", "master", "br0"], ["ip", "link", "set", "tap0", "up"]] {
                try await network.run(command)
            }
            try await Tool.run("truncate", ["-s", "512M", work.path + "/disk.img"])
            try await body(network, work, teardown)
        }
    }

    /// Kernel, initrd and signing key, built once and cached (the initrd again whenever `provision` changed).
    func buildAssets() async throws {
        let key = Self.cache + "/signing.pem"
        if !FileManager.default.fileExists(atPath: key) {
            try FileManager.default.createDirectory(atPath: Self.cache, withIntermediateDirectories: true)
            try await Tool.run(TestEnvironment.provisionBinary.path, ["image", "keygen", "--out", key])
        }
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/vm/build-assets.sh").path
        try await Tool.run(script, [Self.cache, TestEnvironment.provisionBinary.path, Self.cache + "/signing.pub.pem"],
                           timeout: .seconds(600))
    }

    /// The server in the namespace with the VM profile, the cached kernel and initrd, and a signed image imported.
    func withServer(_ network: NetworkNamespace, _ work: TemporaryDirectory, dhcp: [String],
                    _ body: (ProvisionServer) async throws -> Void) async throws {
        let bin = TestEnvironment.provisionBinary.path
        let key = Self.cache + "/signing.pem"
        let port = TestEnvironment.freePort()
        try await ProvisionServer.run(extraArguments: dhcp + ["--interface", "br0", "--public-url", "http://10.79.0.1:\(port)",
                                                              "--tftp", "10.79.0.1:69", "--log-level", "debug"],
                                      namespace: network, host: "10.79.0.1", port: port) { server in
            try server.root.write("profiles/vm-install.yaml", """
                name: vm-install
                boot:
                  kernel: vm/vmlinuz
                  initrd: [vm/initrd.gz]
                  args: [console=ttyS0, panic=5]
                cloud_config: vm.yaml.tmpl
                install:
                  image: flatcar/stable
                  disk: auto
                """)
            try server.root.write("profiles/vm.yaml.tmpl", "#cloud-config\nhostname: {{machine.name}}\n")
            try FileManager.default.createDirectory(atPath: server.assetsDir + "/vm", withIntermediateDirectories: true)
            for file in ["vmlinuz", "initrd.gz"] {
                try FileManager.default.copyItem(atPath: Self.cache + "/" + file, toPath: server.assetsDir + "/vm/" + file)
            }
            let image = Data((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
            try image.write(to: work.file("root.img"))
            try await Tool.run("zstd", ["-q", "-3", "-f", work.path + "/root.img", "-o", work.path + "/root.img.zst"])
            try await Tool.run(bin, ["image", "sign", work.path + "/root.img.zst", "--key", key])
            try await Tool.run(bin, ["image", "import", work.path + "/root.img.zst", "--os", "flatcar", "--version", "9.9.9",
                                     "--channel", "stable", "--assets", server.assetsDir, "--trusted-keys", Self.cache + "/signing.pub.pem"])
            #expect(try await server.cli(["profile", "reload"]).status == 0)
            let added = try await server.cli(["machine", "add", mac, "--name", "vm1", "--profile", "vm-install"])
            #expect(added.status == 0, "\(added)")
            try await body(server)
        }
    }

    /// The VM's firmware: SeaBIOS with Debian's iPXE as the e1000's ROM (already iPXE, so its first DHCP asks for
    /// `/boot.ipxe`), or OVMF's own UEFI PXE on virtio-net with no option ROM (a real PXE ROM: DHCP arch 7 → TFTP
    /// `ipxe.efi` → iPXE).
    enum Firmware { case biosIPXE, uefiPXE }

    /// Boots the VM from the network until `marker` shows on its serial console, it powers off, or 240 s pass.
    func boot(_ network: NetworkNamespace, disk: String, until marker: String, firmware: Firmware = .biosIPXE,
              work: TemporaryDirectory? = nil) async throws -> String {
        var machine = ["-machine", "accel=tcg"]
        var nic = "e1000,netdev=n0,mac=\(mac)"
        if firmware == .uefiPXE, let work {
            let vars = work.path + "/OVMF_VARS.fd"
            if !FileManager.default.fileExists(atPath: vars) {
                try FileManager.default.copyItem(atPath: "/usr/share/OVMF/OVMF_VARS_4M.fd", toPath: vars)
            }
            machine = ["-machine", "q35,accel=tcg",
                       "-drive", "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
                       "-drive", "if=pflash,format=raw,file=\(vars)"]
            nic = "virtio-net-pci,netdev=n0,mac=\(mac),romfile="
        }
        let (executable, arguments) = network.command(["qemu-system-x86_64"] + machine + [
            "-m", "1536", "-nographic", "-no-reboot", "-boot", "n",
            "-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no", "-device", nic,
            "-drive", "file=\(disk),if=virtio,format=raw",
        ])
        let vm = try ManagedProcess(executable, arguments)
        let deadline = ContinuousClock.now + .seconds(240)
        while ContinuousClock.now < deadline, vm.isRunning, !vm.stdout.contains(marker) {
            try await Task.sleep(for: .milliseconds(250))
        }
        await vm.stop(grace: .seconds(5))
        return vm.stdout.replacingOccurrences(of: "\u{1b}", with: "")
    }

    /// sgdisk finds the table sound; ROOT is a clean ext4 holding the machine's cloud-config.
    func checkDisk(_ disk: String, work: TemporaryDirectory) async throws {
        let verify = try await Tool.run("sgdisk", ["-v", disk]).stdout
        #expect(verify.contains("No problems found"), "\(verify)")
        let table = try await Tool.run("sgdisk", ["-p", disk]).stdout
        let rootLine = try #require(table.split(separator: "\n").first { $0.hasSuffix("ROOT") }, "\(table)")
        let fields = rootLine.split(separator: " ")
        let first = try #require(Int(fields[1])), last = try #require(Int(fields[2]))
        let root = work.path + "/root.ext4"
        try await Tool.run("dd", ["if=\(disk)", "of=\(root)", "bs=512", "skip=\(first)", "count=\(last - first + 1)", "conv=sparse", "status=none"])
        try await Tool.run("e2fsck", ["-fn", root])
        let userData = try await Tool.run("debugfs", ["-R", "cat /var/lib/coreos-install/user_data", root]).stdout
        #expect(userData == "#cloud-config\nhostname: vm1\n", "\(userData)")
    }
}
