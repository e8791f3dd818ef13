import Foundation
import Testing
import TestSupport
import TFTP

/// Real Debian TFTP clients fetching from the in-process server; sha256 of every download must match.
@Suite(.serialized) struct RealClientTests {
    struct Client: CustomTestStringConvertible, Sendable {
        let name: String
        let tool: String
        /// Arguments for fetching `remote` from 127.0.0.1:`port` into `local`.
        let arguments: @Sendable (_ port: Int, _ remote: String, _ local: String) -> [String]
        /// An option the server must log as acknowledged, proving the client really negotiated it.
        let expectedOption: String?
        var testDescription: String { name }
    }

    static func curl(blksize: Int) -> Client {
        Client(name: "curl --tftp-blksize \(blksize)", tool: "curl", arguments: { port, remote, local in
            ["-sS", "--tftp-blksize", "\(blksize)", "-o", local, "tftp://127.0.0.1:\(port)/\(remote)"]
        }, expectedOption: blksize == 512 ? nil : "blksize=\(blksize)")
    }

    static func atftp(_ option: String, expect: String) -> Client {
        Client(name: "atftp --option \"\(option)\"", tool: "atftp", arguments: { port, remote, local in
            ["--option", option, "--get", "--remote-file", remote, "--local-file", local, "127.0.0.1", "\(port)"]
        }, expectedOption: expect)
    }

    static let clients: [Client] = [
        curl(blksize: 512), curl(blksize: 1468), curl(blksize: 8192), curl(blksize: 65464),
        Client(name: "tftp-hpa -m binary", tool: "tftp", arguments: { port, remote, local in
            ["-m", "binary", "127.0.0.1", "\(port)", "-c", "get", remote, local]
        }, expectedOption: nil),
        atftp("blksize 1468", expect: "blksize=1468"),
        atftp("windowsize 16", expect: "windowsize=16"),
    ]

    @Test(arguments: clients)
    func clientFetchesBigAndTinyFilesIntact(_ client: Client) async throws {
        if TestEnvironment.missingTools(client.tool, "sha256sum") != nil { return }
        let out = try TemporaryDirectory("tftp-client")
        defer { out.remove() }
        try await withLiveServer { live in
            for name in [LiveFiles.tinyName, LiveFiles.bigName] {
                let local = out.file(name).path
                let result = try await Tool.status(client.tool, client.arguments(live.port, name, local),
                                                   timeout: .seconds(120))
                #expect(result.status == 0, "\(client.name) \(name): \(result.stderr)")
                #expect(try await LiveFiles.sha256(local) == LiveFiles.sha256(LiveFiles.path(name)), "\(client.name) \(name)")
            }
            let logged = live.completed
            #expect(logged.count == 2)
            #expect(logged.last?.metadata["bytes"] == String(LiveFiles.bigSize))
            if let option = client.expectedOption {
                #expect(logged.last?.metadata["options"]?.lowercased().contains(option) == true,
                        "server log: \(logged.last?.metadata ?? [:])")
            }
        }
    }

    @Test func tftpHpaNetasciiModeRoundTripsText() async throws {
        if TestEnvironment.missingTools("tftp") != nil { return }
        let out = try TemporaryDirectory("tftp-netascii")
        defer { out.remove() }
        try await withLiveServer { live in
            let local = out.file("notes.txt").path
            try await Tool.run("tftp", ["-m", "netascii", "127.0.0.1", "\(live.port)", "-c", "get", LiveFiles.textName, local])
            // The client turns CR LF back into LF and CR NUL back into CR: the original bytes.
            #expect(FileManager.default.contents(atPath: local) == FileManager.default.contents(atPath: LiveFiles.path(LiveFiles.textName)))
        }
    }

    @Test func twoHundredSimultaneousTransfersAllArriveIntact() async throws {
        if TestEnvironment.missingTools("curl", "sha256sum") != nil { return }
        let out = try TemporaryDirectory("tftp-many")
        defer { out.remove() }
        let source = out.file("source.bin").path
        let sourceBytes = (FileHandle(forReadingAtPath: "/dev/urandom")?.readData(ofLength: 300_000)) ?? Data(count: 300_000)
        let served = try TemporaryDirectory("tftp-many-root")
        defer { served.remove() }
        _ = FileManager.default.createFile(atPath: served.file("payload.bin").path, contents: sourceBytes)
        _ = FileManager.default.createFile(atPath: source, contents: sourceBytes)
        let live = try await LiveServer.start(root: served.path)
        var processes: [ManagedProcess] = []
        for index in 0..<200 {
            let blksize = [512, 1468, 8192][index % 3]
            processes.append(try ManagedProcess("curl", ["-sS", "--tftp-blksize", "\(blksize)", "-o", out.file("copy-\(index)").path,
                                                         "tftp://127.0.0.1:\(live.port)/payload.bin"]))
        }
        var failures: [String] = []
        for process in processes {
            let status = await process.wait(timeout: .seconds(120))
            if status != 0 {
                failures.append(process.stderr)
                await process.stop()
            }
        }
        await live.stop()
        #expect(failures.isEmpty, "\(failures.count) curl failures: \(failures.prefix(3))")
        let hashes = try await LiveFiles.sha256([source] + (0..<200).map { out.file("copy-\($0)").path })
        #expect(Set(hashes).count == 1)
        #expect(hashes.count == 201)
        #expect(live.completed.count == 200)
    }
}
