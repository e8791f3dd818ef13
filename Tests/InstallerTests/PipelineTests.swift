import DiskLayout
import Foundation
import ImageTrust
@testable import Installer
import NIOCore
import ProvisionModel
import Testing
import TestSupport

/// The stages alone, fed from memory: decompression with real compressors' output, verification, progress.
@Suite(.disabled(if: TestEnvironment.missingTools("xz", "zstd", "gzip", "bzip2") != nil))
struct PipelineTests {
    static let original = TestData.bytes(count: 3 << 20, seed: 3).map { $0 & 0x0F }  // compressible, not trivial

    static func compressed(_ compression: ImageCompression) async throws -> [UInt8] {
        let dir = try TemporaryDirectory("pipeline")
        defer { dir.remove() }
        let raw = dir.file("data")
        try Data(original).write(to: raw)
        let served = try await InstallFixture.compress(raw, with: compression, into: dir.url)
        return Array(try Data(contentsOf: served))
    }

    /// `bytes` as an async sequence of `chunkSize` chunks.
    static func chunks(_ bytes: [UInt8], size chunkSize: Int) -> AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            var start = 0
            while start < bytes.count {
                continuation.yield(ByteBuffer(bytes: bytes[start..<min(start + chunkSize, bytes.count)]))
                start += chunkSize
            }
            continuation.finish()
        }
    }

    @Test(arguments: ImageCompression.allCases, [1000, 65_536])
    func decompressesEachFormatFromChunksOfAnySize(compression: ImageCompression, chunkSize: Int) async throws {
        let input = try await Self.compressed(compression)
        let output = LockedValue<[UInt8]>([])
        let count = try await Decompression.run(Self.chunks(input, size: chunkSize), compression: compression, blockSize: 256 << 10) { block in
            output.withValue { $0 += Array(block) }
        }
        #expect(count == Int64(Self.original.count))
        #expect(output.current == Self.original)
    }

    /// The writer runs on its own thread: its failure still stops the decoder and is what `run` throws, and blocks
    /// before it arrived in order.
    @Test func writeFailureStopsTheDecoderAndIsThrown() async throws {
        struct DiskFull: Error {}
        let input = try await Self.compressed(.zstd)
        let written = LockedValue<[UInt8]>([])
        await #expect(throws: DiskFull.self) {
            _ = try await Decompression.run(Self.chunks(input, size: 8192), compression: .zstd, blockSize: 64 << 10) { block in
                guard written.current.count < 5 * (64 << 10) else { throw DiskFull() }
                written.withValue { $0 += Array(block) }
            }
        }
        #expect(written.current == Array(Self.original.prefix(5 * (64 << 10))))
    }

    @Test func corruptStreamIsADecompressionError() async throws {
        var input = try await Self.compressed(.xz)
        for index in stride(from: 2000, to: 3000, by: 7) { input[index] ^= 0xFF }
        let error = await #expect(throws: InstallError.self) {
            _ = try await Decompression.run(Self.chunks(input, size: 4096), compression: .xz) { _ in }
        }
        #expect(error?.category == .write)
        #expect(error?.description.hasPrefix("cannot decompress the image") == true, "\(String(describing: error))")
    }

    @Test func inputErrorWinsOverTheDecoderAndTheInputIsDrained() async throws {
        var input = try await Self.compressed(.zstd)
        input[100] ^= 0xFF
        let key = SigningKey.generate()
        var digester = ImageDigester()
        digester.update(try await Self.compressed(.zstd))
        let counter = ByteCounter()
        let stages = VerifyingStage(CountingStage(Self.chunks(input, size: 8192), counter: counter),
                                    verifier: SignatureVerifier(signature: try key.sign(digester.finalize()), trustedKeys: [key.verifyingKey]),
                                    subject: "image")
        let error = await #expect(throws: InstallError.self) {
            _ = try await Decompression.run(stages, compression: .zstd) { _ in }
        }
        #expect(error?.category == .verification)
        #expect(counter.count == Int64(input.count))
    }

    @Test func verifyingStageChecksSizeAndSHA256BeforeTheSignature() async throws {
        let bytes = TestData.bytes(count: 10_000)
        let key = SigningKey.generate()
        var digester = ImageDigester()
        digester.update(bytes)
        let verifier = SignatureVerifier(signature: try key.sign(digester.finalize()), trustedKeys: [key.verifyingKey])

        let wrongSize = VerifyingStage(Self.chunks(bytes, size: 999), verifier: verifier, expectedSize: 10_001, subject: "img")
        await #expect(throws: InstallError.self) { for try await _ in wrongSize {} }
        let wrongHash = VerifyingStage(Self.chunks(bytes, size: 999), verifier: verifier, expectedSHA256: String(repeating: "0", count: 64), subject: "img")
        let error = await #expect(throws: InstallError.self) { for try await _ in wrongHash {} }
        #expect(error?.description.contains("the plan says 0000") == true)
        let good = VerifyingStage(Self.chunks(bytes, size: 999), verifier: verifier, expectedSize: 10_000,
                                  expectedSHA256: digester.finalize().hex.uppercased(), subject: "img")
        var total = 0
        for try await chunk in good { total += chunk.readableBytes }
        #expect(total == 10_000)
    }

    @Test func writerRefusesToRunPastThePartition() throws {
        let dir = try TemporaryDirectory("writer")
        defer { dir.remove() }
        try TestData.file(dir.file("disk"), count: 1 << 20)
        let writer = PartitionWriter(disk: try DiskFile(path: dir.file("disk").path), offsets: [4096, 8192], limit: 4096)
        let block = [UInt8](repeating: 0xAB, count: 3000)
        try block.withUnsafeBytes { try writer.write($0) }
        #expect(throws: InstallError.self) { try block.withUnsafeBytes { try writer.write($0) } }
        #expect(writer.written == 3000)
        let disk = try Data(contentsOf: dir.file("disk"))
        #expect(disk[4096..<7096].allSatisfy { $0 == 0xAB } && disk[8192..<11192].allSatisfy { $0 == 0xAB })
    }
}

struct ProtocolPieceTests {
    @Test(arguments: [
        ("bytes 100-199/1000", ContentRange(first: 100, last: 199, total: 1000)),
        ("bytes 0-0/*", ContentRange(first: 0, last: 0, total: nil)),
        ("bytes 5-4/10", nil), ("items 0-1/2", nil), ("bytes 1-2/x", nil), ("bytes 1/2", nil),
    ])
    func contentRangeHeaders(header: String, expected: ContentRange?) {
        #expect(ContentRange(header) == expected)
    }

    @Test func backoffDoublesUpToTheCap() {
        let policy = RetryPolicy(maxAttempts: 9, initialBackoff: .milliseconds(500), maxBackoff: .seconds(3))
        #expect((1...6).map { policy.delay(afterFailure: $0) } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3), .seconds(3)])
    }

    @Test func progressLineShowsBytesRateAndETA() {
        let line = ProgressLine(bytes: 100 << 20, total: 400 << 20, elapsed: 2)
        #expect(line.plain == "download  25%  100.0 MiB of 400.0 MiB  50.0 MiB/s  ETA 0:06")
        #expect(line.bar(width: 80).count == 80)
        #expect(line.bar(width: 80).hasPrefix("[#####"))
        #expect(ProgressLine(bytes: 5, total: nil, elapsed: 0).plain == "download  5 B  0 B/s")
    }

    @Test func planWithMissingFieldNamesIt() throws {
        let json = #"{"image_url":"http://x/i","compression":"xz","disk":"auto","mirror_b":false,"cloud_config_url":"/c","event_url":"/e","token":"t"}"#
        let error = #expect(throws: InstallError.self) { try PlanDecoding.decode(Array(json.utf8), from: "http://s/install") }
        #expect(error?.description == "the install plan from http://s/install is not usable: missing field 'signature_url'")
    }

    @Test func autoDiskIsTheSmallestFixedWritableDiskThatFits() {
        let disks = [
            DiskSelection.Candidate(name: "sda", size: 500 << 30, removable: false, readOnly: false),
            DiskSelection.Candidate(name: "sdb", size: 8 << 30, removable: true, readOnly: false),
            DiskSelection.Candidate(name: "nvme0n1", size: 64 << 30, removable: false, readOnly: false),
            DiskSelection.Candidate(name: "loop0", size: 16 << 30, removable: false, readOnly: false),
            DiskSelection.Candidate(name: "sdc", size: 1 << 30, removable: false, readOnly: false),
            DiskSelection.Candidate(name: "sr0", size: 4 << 30, removable: false, readOnly: true),
        ]
        #expect(DiskSelection.choose(from: disks, required: 2 << 30)?.name == "nvme0n1")
        #expect(DiskSelection.choose(from: disks, required: 1 << 40) == nil)
    }

    @Test func mountsOfADiskAndItsPartitionsAreFound() {
        let mounts = """
        /dev/sda2 / ext4 rw 0 0
        proc /proc proc rw 0 0
        /dev/sdb1 /mnt/with\\040space ext4 rw 0 0
        /dev/disk/by-label/X /srv xfs rw 0 0
        """
        let found = DiskUsage.mounts(in: mounts, of: ["/dev/sdb", "/dev/sdb1", "/dev/sdb2"]) { $0 == "/dev/disk/by-label/X" ? "/dev/sdb2" : $0 }
        #expect(found.map(\.mountpoint) == ["/mnt/with space", "/srv"])
    }

    @Test func theMountedRootDeviceIsRefused() throws {
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        guard let source = mounts.split(separator: "\n").compactMap({ $0.split(separator: " ").first.map(String.init) })
            .first(where: { $0.hasPrefix("/dev/") && FileManager.default.fileExists(atPath: $0) }) else {
            print("skipped: no block device is mounted here (container root)")
            return
        }
        #expect(throws: InstallError.self) { try DiskUsage.check(source) }
    }
}
