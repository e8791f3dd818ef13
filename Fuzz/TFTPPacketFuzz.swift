// libFuzzer entry for the TFTP codec, option negotiation, name checking and the transfer session.
// Compiled together with those sources (not through SwiftPM, whose executable `main` would shadow
// libFuzzer's); see Fuzz/README.md for the command.
import NIOCore

@_cdecl("LLVMFuzzerTestOneInput")
public func tftpPacketFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var buffer = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    guard let packet = try? TFTPPacket(parsing: &buffer) else { return 0 }

    // Property: whatever parses, encodes to bytes that parse back to the same packet.
    var encoded = packet.encoded()
    guard let reparsed = try? TFTPPacket(parsing: &encoded), reparsed == packet else {
        fatalError("round trip changed \(packet)")
    }

    switch packet {
    case .readRequest(let request), .writeRequest(let request):
        _ = try? RequestedName(request.filename)
        if let parameters = try? OptionNegotiation(maximumBlockSize: 1468).negotiate(request.options, fileSize: size) {
            precondition((8...1468).contains(parameters.blockSize) && (1...64).contains(parameters.windowSize))
            driveSession(parameters: parameters, input: data, size: size)
        }
    default:
        break
    }
    return 0
}

/// Feeds the input's bytes to a session as ACK block numbers and timeouts; it must never crash and
/// never send more than a window at a time.
private func driveSession(parameters: TransferParameters, input: UnsafePointer<UInt8>, size: Int) {
    var small = parameters
    small.blockSize = min(parameters.blockSize, 64)
    var session = TransferSession(parameters: small, source: BufferByteSource(ByteBuffer(repeating: 7, count: 3000)),
                                  maxRetries: 3)
    _ = session.start()
    var index = 0
    while index + 1 < size, !session.isFinished {
        let block = UInt16(input[index]) << 8 | UInt16(input[index + 1])
        let output = block == 0xFFFF ? session.timerExpired() : session.receive(.acknowledgement(block: block))
        precondition(output.datagrams.count <= small.windowSize)
        index += 2
    }
}
