import AsyncHTTPClient
import DiskLayout
import Foundation
import ImageTrust
import ProvisionModel

/// What the agent is told on the command line.
public struct InstallOptions: Sendable {
    /// Base URL of the provision server, e.g. `http://10.0.0.1:8080`.
    public var server: String
    /// This machine's MAC (`52:54:00:12:34:56`), which the server keys the plan on.
    public var mac: String
    /// Overrides the plan's `disk` (a block device or a disk-image file).
    public var disk: String?
    /// Keys an image signature must verify against.
    public var trustedKeys: [VerifyingKey]
    public var retry: RetryPolicy
    public var progress: ProgressDisplay.Style
    /// How often a `download` event with the bytes so far is POSTed to the server.
    public var reportInterval: Duration

    public init(server: String, mac: String, disk: String? = nil, trustedKeys: [VerifyingKey], retry: RetryPolicy = RetryPolicy(),
                progress: ProgressDisplay.Style = ProgressDisplay.defaultStyle, reportInterval: Duration = .seconds(5)) {
        self.server = server
        self.mac = mac
        self.disk = disk
        self.trustedKeys = trustedKeys
        self.retry = retry
        self.progress = progress
        self.reportInterval = reportInterval
    }
}

/// Everything checked before the first byte is written: the disk, its layout, the signature, the cloud-config.
public struct PreparedInstall: Sendable {
    public let plan: InstallPlan
    public let disk: DiskFile
    public let layout: CoreOSLayout
    public let signature: DetachedSignature
    public let userData: [UInt8]

    /// `/dev/sda (512 MiB (536870912 bytes))`, for prompts.
    public var diskDescription: String { "\(disk.path) (\(ByteCount.text(disk.size)))" }
}

public struct InstallResult: Sendable {
    public var disk: String
    /// Bytes downloaded (the image as served) and written into USR-A.
    public var imageBytes: Int64
    public var writtenBytes: Int64
    public var sha256: String
    public var signedBy: String
    public var seconds: Double
}

/// The install agent: plan → preflight → download ▸ verify ▸ decompress ▸ write USR-A/B → OEM + ROOT → GPT → done.
/// Every failure after the plan is known is reported to the server as a `failed` event before it is thrown.
public final class InstallAgent: Sendable {
    public let options: InstallOptions
    public let server: ServerClient
    let log: @Sendable (String) -> Void

    public init(options: InstallOptions, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        server = ServerClient(http: HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration), server: options.server)
    }

    /// Must be called once when done with the agent.
    public func shutdown() async { try? await server.http.shutdown() }

    public func fetchPlan() async throws -> InstallPlan {
        try await server.fetchPlan(mac: options.mac)
    }

    /// Checks everything that can be checked without writing: disk, size, use, trust, signature, cloud-config.
    public func prepare(_ plan: InstallPlan) async throws -> PreparedInstall {
        try await reportingFailure(plan) {
            let required = CoreOSLayout.requiredDiskSize(imageSize: plan.uncompressedSize)
            var path = options.disk ?? plan.disk
            if path == "auto" { path = try DiskSelection.auto(required: required) }
            let disk: DiskFile
            do { disk = try DiskFile(path: path) } catch let error as DiskLayoutError { throw InstallError.noDisk(error.description) }
            try DiskUsage.check(path)
            guard disk.size >= required else { throw InstallError.diskTooSmall(disk: path, required: required, available: disk.size) }
            let layout = try CoreOSLayout(diskSize: disk.size, imageSize: plan.uncompressedSize, sectorSize: disk.sectorSize)
            guard !options.trustedKeys.isEmpty else { throw InstallError.notTrusted("no trusted public keys given; nothing to verify the image against") }
            let signatureBytes = try await server.fetchDocument("signature", url: plan.signatureURL, limit: 1024, token: nil)
            let signature: DetachedSignature
            do { signature = try DetachedSignature(der: signatureBytes, source: plan.signatureURL) } catch let error as ImageTrustError {
                throw InstallError.verificationFailed(error.description)
            }
            let userData = try await server.fetchDocument("cloud-config", url: plan.cloudConfigURL, limit: 1 << 20, token: plan.token)
            return PreparedInstall(plan: plan, disk: disk, layout: layout, signature: signature, userData: userData)
        }
    }

    /// Writes the disk. The old partition table stays until the image verified and ROOT/OEM exist; then the new GPT.
    public func install(_ prepared: PreparedInstall) async throws -> InstallResult {
        try await reportingFailure(prepared.plan) {
            let started = ContinuousClock.now
            let plan = prepared.plan, layout = prepared.layout
            log("installing \(plan.imageURL) (\(plan.compression.rawValue)) onto \(prepared.disk.path): USR-A \(ByteCount.short(layout.size(of: .usrA)))\(plan.mirrorB ? ", mirrored into USR-B" : "")")
            await report(InstallEvent(kind: .download, bytes: 0), plan)
            let (written, verification) = try await writeImage(prepared)
            if let expected = plan.uncompressedSize, expected != written {
                throw InstallError.verificationFailed("the image decompressed to \(written) bytes, the plan says \(expected)")
            }
            log("verified: sha256 \(verification.digest.hex), signed by \(verification.key.fingerprint); \(ByteCount.short(written)) written")
            await report(InstallEvent(kind: .verify, reason: "signed by \(verification.key.fingerprint), sha256 \(verification.digest.hex)",
                                      bytes: verification.bytes), plan)
            try await makeFilesystems(prepared)
            do {
                try prepared.disk.sync()
                try prepared.disk.write(layout.table)
            } catch let error as DiskLayoutError {
                throw InstallError.writeFailed(error.description)
            }
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            log("partition table written (disk GUID \(layout.table.diskGUID))")
            await report(InstallEvent(kind: .write, bytes: written, rate: Double(written) / max(seconds, 0.001)), plan)
            try await reportDone(plan, bytes: written)
            return InstallResult(disk: prepared.disk.path, imageBytes: verification.bytes, writtenBytes: written,
                                 sha256: verification.digest.hex, signedBy: verification.key.fingerprint, seconds: seconds)
        }
    }

    struct Verification: Sendable {
        var digest: ImageDigest
        var key: VerifyingKey
        var bytes: Int64
    }

    /// download ▸ count ▸ verify ▸ decompress ▸ write, with progress shown meanwhile.
    func writeImage(_ prepared: PreparedInstall) async throws -> (Int64, Verification) {
        let plan = prepared.plan, layout = prepared.layout
        let counter = ByteCounter()
        let verified = LockedValue<Verification?>(nil)
        let download = ImageDownload(client: server.http, url: plan.imageURL, expectedSize: plan.size, retry: options.retry)
        let stages = VerifyingStage(CountingStage(download, counter: counter),
                                    verifier: SignatureVerifier(signature: prepared.signature, trustedKeys: options.trustedKeys),
                                    expectedSize: plan.size, expectedSHA256: plan.sha256, subject: plan.imageURL) { digest, key in
            verified.withValue { $0 = Verification(digest: digest, key: key, bytes: counter.count) }
        }
        let offsets = [layout.offset(of: .usrA)] + (plan.mirrorB ? [layout.offset(of: .usrB)] : [])
        let writer = PartitionWriter(disk: prepared.disk, offsets: offsets, limit: layout.size(of: .usrA))
        let display = ProgressDisplay(counter: counter, total: plan.size, style: options.progress,
                                      reportInterval: options.reportInterval) { [self] line in
            await report(InstallEvent(kind: .download, bytes: line.bytes, rate: line.rate), plan)
        }
        // The ticker is awaited, not just cancelled: a `download` POST still in flight would reach the server after `verify`.
        let ticker = Task { await display.run() }
        let outcome: Result<Int64, any Error>
        do { outcome = .success(try await Decompression.run(stages, compression: plan.compression) { try writer.write($0) }) } catch {
            outcome = .failure(error)
        }
        ticker.cancel()
        await ticker.value
        let written = try outcome.get()
        display.finish()
        guard let verification = verified.current else { throw InstallError.verificationFailed("the image was never verified") }
        return (written, verification)
    }

    func makeFilesystems(_ prepared: PreparedInstall) async throws {
        let layout = prepared.layout, path = prepared.disk.path
        try await Ext4Formatter.format(disk: path, offset: layout.offset(of: .oem), size: layout.size(of: .oem), label: "OEM")
        let staging = try Ext4Formatter.stageRoot(userData: prepared.userData)
        defer { try? FileManager.default.removeItem(at: staging) }
        try await Ext4Formatter.format(disk: path, offset: layout.offset(of: .root), size: layout.size(of: .root), label: "ROOT",
                                       contents: staging.path)
        log("ROOT and OEM created; cloud-config at /var/lib/coreos-install/user_data (\(prepared.userData.count) bytes)")
    }

    /// `done` must reach the server (or the machine would be installed again): a few tries, then `reportFailed`.
    func reportDone(_ plan: InstallPlan, bytes: Int64) async throws {
        var lastError: (any Error)?
        for attempt in 1...4 {
            do {
                try await server.post(InstallEvent(kind: .done, bytes: bytes), plan: plan)
                return
            } catch {
                lastError = error
                try? await Task.sleep(for: options.retry.delay(afterFailure: attempt))
            }
        }
        throw lastError ?? InstallError.reportFailed("done")
    }

    /// Best-effort progress report; a lost event must not stop an install.
    func report(_ event: InstallEvent, _ plan: InstallPlan) async {
        do { try await server.post(event, plan: plan) } catch { log("warning: \(error)") }
    }

    /// Runs `body`; on failure reports `failed` with the reason to the server, then rethrows.
    func reportingFailure<T>(_ plan: InstallPlan, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as InstallError {
            if error.category != .report { await report(InstallEvent(kind: .failed, reason: error.description), plan) }
            throw error
        } catch {
            await report(InstallEvent(kind: .failed, reason: String(describing: error)), plan)
            throw error
        }
    }
}
