import ArgumentParser
import Foundation
import ImageTrust
import Installer

/// `provision install`: the agent a machine runs in its installer environment.
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install this machine's signed root image onto a disk, as the server's plan says.",
        discussion: """
        Fetches GET <server>/install?mac=<mac>, streams the image once (resuming with Range after a dropped \
        connection), verifies its signature while decompressing it into USR-A (and USR-B when mirrored), creates \
        OEM and ROOT (ext4, cloud-config at /var/lib/coreos-install/user_data), and only then writes the GPT. \
        Progress and the outcome are POSTed to the server.

        Exit codes:
          0  installed and reported
          2  not confirmed (no --yes, no 'yes' typed); nothing written
          3  plan unreachable or not usable
          4  refused before writing: disk missing, too small or in use,
             unknown compression, no trusted keys, signature or
             cloud-config unavailable
          5  download failed after retries
          6  image rejected (tampered, wrong key, wrong size);
             the old partition table is unchanged
          7  writing the disk failed; the old partition table is unchanged
          8  installed, but the server could not be told
          64 usage error; 1 anything else
        """
    )

    @Option(name: .long, help: "Base URL of the provision server, e.g. http://10.0.0.1:8080.")
    var server: String

    @Option(name: .long, help: "This machine's MAC (default: the first non-loopback interface in /sys/class/net).")
    var mac: String?

    @Option(name: .long, help: "Disk to install to, overriding the plan: a block device or a disk-image file.")
    var disk: String?

    @Option(name: .long, help: "Trusted public keys: a PEM file or a directory of them.")
    var trustedKeys: String = "/etc/provision/trusted-keys"

    @Flag(name: .long, help: "Do not ask before erasing the disk.")
    var yes = false

    enum Exit {
        static func code(for error: InstallError) -> ExitCode {
            if case .declined = error { return ExitCode(2) }
            switch error.category {
            case .plan: return ExitCode(3)
            case .refused: return ExitCode(4)
            case .download: return ExitCode(5)
            case .verification: return ExitCode(6)
            case .write: return ExitCode(7)
            case .report: return ExitCode(8)
            }
        }
    }

    func run() async throws {
        let keys: [VerifyingKey]
        do { keys = try TrustedKeys.load(from: trustedKeys) } catch {
            throw fail(.notTrusted("cannot load trusted keys: \(error)"))
        }
        guard let mac = mac ?? MACAddressSource.firstInterface() else {
            throw fail(.noDisk("cannot tell this machine's MAC (no interface in /sys/class/net); pass --mac"))
        }
        let agent = InstallAgent(options: InstallOptions(server: server, mac: mac, disk: disk, trustedKeys: keys))
        do {
            let plan = try await agent.fetchPlan()
            print("plan for \(mac): \(plan.imageURL) (\(plan.compression.rawValue)) → \(disk ?? plan.disk)")
            let prepared = try await agent.prepare(plan)
            try confirm(prepared)
            let result = try await agent.install(prepared)
            await agent.shutdown()
            print("installed \(result.disk) in \(String(format: "%.1f", result.seconds)) s: \(result.writtenBytes) bytes into USR-A, "
                  + "sha256 \(result.sha256), signed by \(result.signedBy)")
        } catch let error as InstallError {
            await agent.shutdown()
            throw fail(error)
        } catch {
            await agent.shutdown()
            throw error
        }
    }

    private func confirm(_ prepared: PreparedInstall) throws {
        guard !yes else { return }
        let what = prepared.diskDescription
        guard isatty(STDIN_FILENO) == 1 else { throw InstallError.declined(disk: what) }
        FileHandle.standardOutput.write(Data("This erases \(what). Type 'yes' to continue: ".utf8))
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else { throw InstallError.declined(disk: what) }
    }

    private func fail(_ error: InstallError) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        return Exit.code(for: error)
    }
}

/// Finds this machine's MAC the way the server keys plans: the first non-loopback interface, by name, in /sys/class/net.
enum MACAddressSource {
    static func firstInterface(sysfs: String = "/sys/class/net") -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: sysfs)) ?? []).sorted()
        for name in names where name != "lo" {
            guard let text = try? String(contentsOfFile: "\(sysfs)/\(name)/address", encoding: .utf8) else { continue }
            let mac = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if mac.count == 17, mac != "00:00:00:00:00:00" { return mac }
        }
        return nil
    }
}
