import Foundation
import NIOCore
import Testing
import TestSupport
import TFTP

/// Hand-made packets against the live server: refusals carry the right ERROR code (or silence), and
/// the server keeps serving afterwards.
@Suite struct ProtocolBehaviourTests {
    /// Fetches the tiny file with a plain RRQ from a fresh socket; proves the server still works.
    private func fetchTiny(port: Int) throws -> String? {
        let probe = try UDPProbe()
        probe.send(readRequest(LiveFiles.tinyName), to: port)
        guard let reply = probe.receive(), case .data(1, let payload)? = reply.packet else { return nil }
        probe.send(.acknowledgement(block: 1), to: reply.port)
        return String(buffer: payload)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let code: TFTPErrorCode?
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "parent traversal", bytes: readRequest("../../../../etc/passwd"), code: .accessViolation),
        Refusal(name: "traversal inside a path", bytes: readRequest("a/../../etc/passwd"), code: .accessViolation),
        Refusal(name: "backslash traversal", bytes: readRequest("..\\..\\etc\\passwd"), code: .accessViolation),
        Refusal(name: "absolute path", bytes: readRequest("/etc/passwd"), code: .accessViolation),
        Refusal(name: "missing file", bytes: readRequest("no-such-file"), code: .fileNotFound),
        Refusal(name: "write request", bytes: [0, 2] + Array("upload\0octet\0".utf8), code: .accessViolation),
        Refusal(name: "mail mode", bytes: readRequest(LiveFiles.tinyName, mode: "mail"), code: .illegalOperation),
        Refusal(name: "unknown opcode", bytes: [0, 42, 1, 2, 3], code: .illegalOperation),
        Refusal(name: "no NUL terminator", bytes: [0, 1] + Array("tiny.txt".utf8), code: .illegalOperation),
        Refusal(name: "unknown mode", bytes: readRequest(LiveFiles.tinyName, mode: "ebcdic"), code: .illegalOperation),
        Refusal(name: "huge option list", bytes: readRequest(LiveFiles.tinyName, options: (0..<500).map { ("x\($0)", "1") }),
                code: .illegalOperation),
        Refusal(name: "blksize 0", bytes: readRequest(LiveFiles.tinyName, options: [("blksize", "0")]), code: .optionNegotiationFailed),
        Refusal(name: "blksize 7", bytes: readRequest(LiveFiles.tinyName, options: [("blksize", "7")]), code: .optionNegotiationFailed),
        Refusal(name: "ACK to the listener", bytes: [0, 4, 0, 1], code: .unknownTransferID),
        Refusal(name: "one byte", bytes: [1], code: nil),
        Refusal(name: "empty datagram", bytes: [], code: nil),
        Refusal(name: "ERROR to the listener", bytes: [0, 5, 0, 0, 0], code: nil),
    ]

    @Test(arguments: refusals)
    func badRequestGetsTheRightErrorOrSilenceAndServerKeepsServing(_ refusal: Refusal) async throws {
        try await withLiveServer { live in
            let probe = try UDPProbe()
            probe.send(refusal.bytes, to: live.port)
            if let code = refusal.code {
                #expect(probe.receiveErrorCode() == code)
            } else {
                #expect(probe.receive(milliseconds: 300) == nil)
            }
            #expect(try fetchTiny(port: live.port) == "hello, PXE\n")
        }
    }

    @Test func blksizeAboveTheMaximumIsLoweredInTheOACK() async throws {
        try await withLiveServer { live in
            let probe = try UDPProbe()
            probe.send(readRequest(LiveFiles.tinyName, options: [("blksize", "70000"), ("tsize", "0"), ("color", "blue")]), to: live.port)
            let reply = probe.receive()
            #expect(reply?.packet == .optionAcknowledgement([TFTPOption("blksize", "65464"), TFTPOption("tsize", "11")]))
            probe.send(.acknowledgement(block: 0), to: reply?.port ?? 0)
            guard case .data(1, let payload)? = probe.receive()?.packet else {
                Issue.record("no DATA after ACK 0")
                return
            }
            #expect(String(buffer: payload) == "hello, PXE\n")
        }
    }

    @Test func packetFromUnknownTIDGetsError5AndTransferContinues() async throws {
        try await withLiveServer { live in
            let client = try UDPProbe()
            let stranger = try UDPProbe()
            client.send(readRequest(LiveFiles.bigName), to: live.port)
            guard let first = client.receive(), case .data(1, _)? = first.packet else {
                Issue.record("no first block")
                return
            }
            stranger.send(.acknowledgement(block: 1), to: first.port)
            #expect(stranger.receiveErrorCode() == .unknownTransferID)
            client.send(.acknowledgement(block: 1), to: first.port)
            let second = client.receive()
            guard case .data(2, let payload)? = second?.packet else {
                Issue.record("transfer did not continue: \(String(describing: second))")
                return
            }
            #expect(second?.port == first.port)
            #expect(payload.readableBytes == 512)
            client.send(.error(code: .notDefined, message: "test done"), to: first.port)
        }
    }

    @Test func unacknowledgedOACKIsResentThenTheTransferIsDropped() async throws {
        try await withLiveServer(configure: { $0.timeout = .milliseconds(100); $0.retries = 2 }) { live in
            let probe = try UDPProbe()
            probe.send(readRequest(LiveFiles.tinyName, options: [("blksize", "1024")]), to: live.port)
            var oacks = 0
            while let reply = probe.receive(milliseconds: 600) {
                if case .optionAcknowledgement = reply.packet { oacks += 1 }
            }
            #expect(oacks == 3)
            #expect(live.logs.all.contains { $0.message.contains("OACK not acknowledged") })
        }
    }

    @Test func lostAckIsRecoveredByRetransmission() async throws {
        try await withLiveServer(configure: { $0.timeout = .milliseconds(100) }) { live in
            let probe = try UDPProbe()
            probe.send(readRequest(LiveFiles.tinyName, options: [("blksize", "8")]), to: live.port)
            guard let oack = probe.receive() else { Issue.record("no OACK"); return }
            probe.send(.acknowledgement(block: 0), to: oack.port)
            let first = probe.receive()?.packet
            let resent = probe.receive(milliseconds: 1000)?.packet  // we did not ACK: the same block again
            #expect(first == resent)
            probe.send(.error(code: .notDefined, message: "test done"), to: oack.port)
        }
    }

    @Test func closeStopsRunningTransfers() async throws {
        let live = try await LiveServer.start()
        let probe = try UDPProbe()
        probe.send(readRequest(LiveFiles.bigName), to: live.port)
        #expect(probe.receive() != nil)
        await live.stop()
        #expect(live.logs.all.contains { $0.message.contains("closed by server") })
    }
}
