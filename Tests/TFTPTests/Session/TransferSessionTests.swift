import NIOCore
import Testing
@testable import TFTP

/// A client's view of the session: feeds ACKs and collects what the server sends.
private func makeSession(bytes count: Int, blockSize: Int = 512, windowSize: Int = 1,
                         options: [TFTPOption] = [], retries: Int = 3) -> TransferSession<BufferByteSource> {
    TransferSession(parameters: TransferParameters(blockSize: blockSize, windowSize: windowSize,
                                                   acknowledgedOptions: options),
                    source: BufferByteSource(patternBuffer(count)), maxRetries: retries)
}

private func patternBuffer(_ count: Int) -> ByteBuffer {
    ByteBuffer(bytes: (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
}

private func dataBlocks(_ output: TransferSession<BufferByteSource>.Output) -> [(UInt16, Int)] {
    output.packets.compactMap { packet in
        if case .data(let block, let payload) = packet { (block, payload.readableBytes) } else { nil }
    }
}

@Suite struct TransferSessionTests {
    @Test func plainTransferSendsBlocksInLockstepAndEndsOnShortBlock() {
        var session = makeSession(bytes: 1000)
        let first = session.start()
        #expect(dataBlocks(first).map(\.0) == [1])
        #expect(first.armTimer)
        #expect(dataBlocks(session.receive(.acknowledgement(block: 1))).map(\.1) == [488])
        let last = session.receive(.acknowledgement(block: 2))
        #expect(last.outcome == .completed)
        #expect(last.packets.isEmpty)
        #expect(session.bytesRead == 1000)
    }

    @Test(arguments: [0, 512, 1024])
    func fileOfWholeBlocksEndsWithAnEmptyBlock(_ size: Int) {
        var session = makeSession(bytes: size)
        var sizes = dataBlocks(session.start()).map(\.1)
        var block: UInt16 = 1
        while !session.isFinished {
            let output = session.receive(.acknowledgement(block: block))
            sizes += dataBlocks(output).map(\.1)
            block += 1
        }
        #expect(sizes == Array(repeating: 512, count: size / 512) + [0])
    }

    @Test func optionsAreConfirmedByOACKAndDataWaitsForAck0() {
        var session = makeSession(bytes: 100, options: [TFTPOption("tsize", "100")])
        #expect(session.start().packets == [.optionAcknowledgement([TFTPOption("tsize", "100")])])
        #expect(session.receive(.acknowledgement(block: 1)).packets.isEmpty)
        #expect(dataBlocks(session.receive(.acknowledgement(block: 0))).map(\.0) == [1])
    }

    @Test func unacknowledgedOACKIsRetriedThenDropped() {
        var session = makeSession(bytes: 100, options: [TFTPOption("blksize", "512")], retries: 2)
        _ = session.start()
        for _ in 0..<2 {
            let retry = session.timerExpired()
            #expect(retry.packets == [.optionAcknowledgement([TFTPOption("blksize", "512")])])
            #expect(retry.retransmitted == 1)
        }
        let dropped = session.timerExpired()
        #expect(dropped.outcome == .timedOut(duringNegotiation: true))
        #expect(dropped.packets.isEmpty)
    }

    @Test func duplicateAckSendsNothing() {
        var session = makeSession(bytes: 5000)
        _ = session.start()
        #expect(dataBlocks(session.receive(.acknowledgement(block: 1))).map(\.0) == [2])
        let duplicate = session.receive(.acknowledgement(block: 1))
        #expect(duplicate.packets.isEmpty)
        #expect(!duplicate.armTimer)
    }

    @Test func timeoutResendsTheWindowAndRetriesAreBoundedButResetByProgress() {
        var session = makeSession(bytes: 5000, retries: 2)
        _ = session.start()
        #expect(dataBlocks(session.timerExpired()).map(\.0) == [1])
        #expect(dataBlocks(session.timerExpired()).map(\.0) == [1])
        _ = session.receive(.acknowledgement(block: 1))
        #expect(dataBlocks(session.timerExpired()).map(\.0) == [2])
        #expect(dataBlocks(session.timerExpired()).map(\.0) == [2])
        #expect(session.timerExpired().outcome == .timedOut(duringNegotiation: false))
    }

    @Test func windowSendsUpToWindowSizeBlocksPerAck() {
        var session = makeSession(bytes: 512 * 9 + 1, windowSize: 4)
        #expect(dataBlocks(session.start()).map(\.0) == [1, 2, 3, 4])
        #expect(dataBlocks(session.receive(.acknowledgement(block: 4))).map(\.0) == [5, 6, 7, 8])
        #expect(dataBlocks(session.receive(.acknowledgement(block: 8))).map(\.0) == [9, 10])
        #expect(session.receive(.acknowledgement(block: 10)).outcome == .completed)
    }

    @Test func ackInsideTheWindowRestartsFromTheNextBlock() {
        var session = makeSession(bytes: 512 * 20, windowSize: 4)
        _ = session.start()
        let restart = session.receive(.acknowledgement(block: 2))
        #expect(dataBlocks(restart).map(\.0) == [3, 4, 5, 6])
        #expect(restart.retransmitted == 2)
        #expect(session.timerExpired().retransmitted == 4)
    }

    @Test func ackBeyondWhatWasSentIsIgnored() {
        var session = makeSession(bytes: 512 * 20, windowSize: 4)
        _ = session.start()
        #expect(session.receive(.acknowledgement(block: 9)).packets.isEmpty)
        #expect(session.receive(.acknowledgement(block: 65535)).packets.isEmpty)
    }

    @Test(arguments: [1, 7, 64])
    func blockNumbersRollOverPast65535AndDataArrivesIntact(_ windowSize: Int) {
        let size = 8 * 70_000 + 3
        var session = makeSession(bytes: size, blockSize: 8, windowSize: windowSize)
        var received = ByteBuffer()
        var expected: UInt16 = 1
        var output = session.start()
        var wireNumbers: Set<UInt16> = []
        while output.outcome == nil {
            for case .data(let block, var payload) in output.packets where block == expected {
                received.writeBuffer(&payload)
                wireNumbers.insert(block)
                expected &+= 1
            }
            output = session.receive(.acknowledgement(block: expected &- 1))
        }
        #expect(output.outcome == .completed)
        #expect(received == patternBuffer(size))
        #expect(wireNumbers.contains(0) && wireNumbers.contains(65535))
    }

    /// Reading ahead changes when the file is read, never what goes on the wire: the same script of ACKs (in-window,
    /// duplicate, stale) and timeouts gives byte-identical datagrams with and without it, through the last block.
    @Test(arguments: [1, 4])
    func readAheadSendsExactlyWhatReadingOnDemandSends(_ windowSize: Int) {
        func run(readAhead: Bool) -> [[ByteBuffer]] {
            var session = makeSession(bytes: 10 * 512, windowSize: windowSize)
            var sent: [[ByteBuffer]] = []
            var output = session.start()
            var step = 0, highest: UInt16 = 0
            while output.outcome == nil, step < 200 {
                sent.append(output.datagrams)
                if readAhead { session.readAhead() }
                highest = max(highest, dataBlocks(output).map(\.0).max() ?? 0)
                step += 1
                switch step % 4 {
                case 0: output = session.timerExpired()
                case 1: output = session.receive(.acknowledgement(block: highest - 1))  // inside the window, or a duplicate
                case 2: output = session.receive(.acknowledgement(block: 0))  // stale
                default: output = session.receive(.acknowledgement(block: highest))
                }
            }
            sent.append(output.datagrams)
            #expect(output.outcome == .completed)
            return sent
        }
        #expect(run(readAhead: true) == run(readAhead: false))
    }

    @Test func clientErrorEndsTheTransferWithoutReply() {
        var session = makeSession(bytes: 5000)
        _ = session.start()
        let output = session.receive(.error(code: .diskFull, message: "full"))
        #expect(output.outcome == .abortedByClient(code: .diskFull, message: "full"))
        #expect(output.packets.isEmpty)
        #expect(session.receive(.acknowledgement(block: 1)).packets.isEmpty)
    }

    @Test func errorAnsweringATsizeOACKIsASizeQueryNotAFailure() {
        var sizing = makeSession(bytes: 5000, options: [TFTPOption("tsize", "5000")])
        #expect(sizing.start().packets.count == 1)
        let output = sizing.receive(.error(code: .optionNegotiationFailed, message: "aborted"))
        #expect(output.outcome == .sizeQueried)
        #expect(output.packets.isEmpty)

        // Without tsize it is a refusal of our options; once data flows it is an abort.
        var refusing = makeSession(bytes: 5000, options: [TFTPOption("blksize", "1468")])
        _ = refusing.start()
        #expect(refusing.receive(.error(code: .optionNegotiationFailed, message: "no")).outcome
                == .abortedByClient(code: .optionNegotiationFailed, message: "no"))
        var aborting = makeSession(bytes: 5000, options: [TFTPOption("tsize", "5000")])
        _ = aborting.start()
        _ = aborting.receive(.acknowledgement(block: 0))
        #expect(aborting.receive(.error(code: .notDefined, message: "stop")).outcome == .abortedByClient(code: .notDefined, message: "stop"))
    }

    @Test func readFailureSendsError0() {
        struct Failing: ByteSource {
            func read(upTo count: Int, appendingTo buffer: inout ByteBuffer) throws -> Int {
                throw FileReadError(reason: "Input/output error")
            }
        }
        var session = TransferSession(parameters: TransferParameters(), source: Failing(), maxRetries: 1)
        let output = session.start()
        #expect(output.packets == [.error(code: .notDefined, message: "read error")])
        #expect(output.outcome == .readFailed("Input/output error"))
    }
}
