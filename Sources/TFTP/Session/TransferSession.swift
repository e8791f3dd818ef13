import NIOCore

/// The sending side of one read transfer as a pure state machine: feed it events (start, a packet
/// from the client, a timer expiry) and it answers with packets to send and whether to (re)arm the
/// retransmission timer. It never touches a socket or a clock, so every rule is unit-testable:
///
/// - RFC 2347: with options, an OACK goes first and data starts only after ACK 0; an OACK that is
///   never acknowledged is resent on each timeout, then the transfer is dropped.
/// - RFC 7440 windowing: up to `windowSize` blocks are in flight; an ACK for a block inside the
///   window restarts sending from the block after it.
/// - Sorcerer's Apprentice: an ACK that does not advance the window sends nothing; only a timeout
///   retransmits, and only `maxRetries` times in a row.
/// - Block numbers wrap from 65535 to 0, so any file length transfers.
struct TransferSession<Source: ByteSource>: Sendable {
    /// What the caller must do after an event.
    struct Output: Equatable {
        /// Encoded packets to send to the client, in order. DATA blocks are read from the source
        /// straight behind their 4-byte header, so a block is copied once on its way to the socket.
        var datagrams: [ByteBuffer] = []
        /// Whether to (re)start the retransmission timer with `parameters.timeout`.
        var armTimer = false
        /// How many of `datagrams` are retransmissions.
        var retransmitted = 0
        /// Set once the transfer is over; send `datagrams`, then close.
        var outcome: TransferOutcome?
    }

    private enum State { case idle, negotiating, transferring, finished }

    let parameters: TransferParameters
    let maxRetries: Int
    private let allocator: ByteBufferAllocator
    private var source: Source
    private var state = State.idle
    /// DATA datagrams sent but not yet acknowledged: blocks `acknowledged + 1 ... acknowledged + window.count`.
    private var window = CircularBuffer<ByteBuffer>()
    /// Absolute (non-wrapping) number of the highest acknowledged block; 0 before any.
    private var acknowledged = 0
    /// Absolute number of the short block that ends the file, once it has been read.
    private var finalBlock: Int?
    private var retries = 0
    /// The block after the window, read while the client was busy with the last one (see `readAhead()`).
    private var nextBlock: (datagram: ByteBuffer, length: Int)?
    /// Payload bytes read from the source so far (each block counted once).
    private(set) var bytesRead = 0

    init(parameters: TransferParameters, source: Source, maxRetries: Int,
         allocator: ByteBufferAllocator = ByteBufferAllocator()) {
        self.parameters = parameters
        self.source = source
        self.maxRetries = maxRetries
        self.allocator = allocator
        window.reserveCapacity(parameters.windowSize)
    }

    var isFinished: Bool { state == .finished }

    /// Sends the OACK (when options were accepted) or the first window of data.
    mutating func start() -> Output {
        guard state == .idle else { return Output() }
        if parameters.acknowledgedOptions.isEmpty {
            state = .transferring
            return sendWindow(resending: 0)
        }
        state = .negotiating
        return Output(datagrams: [optionAcknowledgement()], armTimer: true)
    }

    /// Handles a packet that came from the client's TID.
    mutating func receive(_ packet: TFTPPacket) -> Output {
        switch (state, packet) {
        case (.negotiating, .acknowledgement(0)):
            state = .transferring
            retries = 0
            return sendWindow(resending: 0)
        case (.transferring, .acknowledgement(let block)):
            return acknowledge(block)
        case (.negotiating, .error(let code, let message)):
            let askedSize = parameters.acknowledgedOptions.contains { $0.matches("tsize") }
            return finish(askedSize ? .sizeQueried : .abortedByClient(code: code, message: message))
        case (.transferring, .error(let code, let message)):
            return finish(.abortedByClient(code: code, message: message))
        default:
            return Output()
        }
    }

    /// Handles the retransmission timer firing with no progress since it was armed.
    mutating func timerExpired() -> Output {
        guard state == .negotiating || state == .transferring else { return Output() }
        retries += 1
        guard retries <= maxRetries else { return finish(.timedOut(duringNegotiation: state == .negotiating)) }
        if state == .negotiating {
            return Output(datagrams: [optionAcknowledgement()], armTimer: true, retransmitted: 1)
        }
        return Output(datagrams: Array(window), armTimer: true, retransmitted: window.count)
    }

    /// Ends the transfer from outside (server shutdown).
    mutating func close() -> Output {
        guard state != .finished else { return Output() }
        return finish(.closed)
    }

    // MARK: - Internals

    private mutating func acknowledge(_ block: UInt16) -> Output {
        let advance = Int(block &- UInt16(truncatingIfNeeded: acknowledged))
        // 0: a duplicate ACK (never answered: Sorcerer's Apprentice); beyond the window: stale or bogus.
        guard advance > 0, advance <= window.count else { return Output() }
        window.removeFirst(advance)
        acknowledged += advance
        retries = 0
        if acknowledged == finalBlock { return finish(.completed) }
        return sendWindow(resending: window.count)
    }

    /// Sends the blocks still in the window (an ACK inside the window restarts from there), then
    /// reads and sends new blocks until the window is full or the file has ended.
    private mutating func sendWindow(resending: Int) -> Output {
        var output = Output(datagrams: Array(window), armTimer: true, retransmitted: resending)
        while window.count < parameters.windowSize, finalBlock.map({ acknowledged + window.count < $0 }) ?? true {
            let block: (datagram: ByteBuffer, length: Int)
            if let ahead = nextBlock {
                block = ahead
                nextBlock = nil
            } else {
                do { block = try readBlock() } catch {
                    return finish(.readFailed("\(error)"), sending: [.error(code: .notDefined, message: "read error")])
                }
            }
            window.append(block.datagram)
            output.datagrams.append(block.datagram)
        }
        return output
    }

    /// Reads the block after the window now, so the next ACK is answered without waiting on the file. Call it after
    /// sending an output; a read error here is left for `sendWindow` to meet and report.
    mutating func readAhead() {
        guard state == .transferring, nextBlock == nil, finalBlock == nil else { return }
        nextBlock = try? readBlock()
    }

    /// Reads the next unread block from the source as a DATA datagram. Its number, `acknowledged + window.count + 1`,
    /// does not change while it waits: an ACK moves blocks out of the window and into `acknowledged` alike.
    private mutating func readBlock() throws -> (datagram: ByteBuffer, length: Int) {
        let number = acknowledged + window.count + 1
        var datagram = allocator.buffer(capacity: 4 + parameters.blockSize)
        datagram.writeInteger(TFTPPacket.Opcode.data.rawValue)
        datagram.writeInteger(UInt16(truncatingIfNeeded: number))
        let length = try source.read(upTo: parameters.blockSize, appendingTo: &datagram)
        bytesRead += length
        if length < parameters.blockSize { finalBlock = number }
        return (datagram, length)
    }

    private func optionAcknowledgement() -> ByteBuffer {
        TFTPPacket.optionAcknowledgement(parameters.acknowledgedOptions).encoded(allocator: allocator)
    }

    private mutating func finish(_ outcome: TransferOutcome, sending packets: [TFTPPacket] = []) -> Output {
        state = .finished
        window.removeAll()
        nextBlock = nil
        return Output(datagrams: packets.map { $0.encoded(allocator: allocator) }, outcome: outcome)
    }
}

extension TransferSession.Output {
    /// `datagrams` parsed back into packets (for tests and logs; the server sends the bytes).
    var packets: [TFTPPacket] {
        datagrams.compactMap { datagram in
            var bytes = datagram
            return try? TFTPPacket(parsing: &bytes)
        }
    }
}
