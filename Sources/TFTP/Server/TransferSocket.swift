#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import Synchronization

/// A transfer's own UDP socket (its TID), used with blocking calls from the transfer's thread: one `recvfrom`
/// per ACK and one `sendto` per DATA block, with no event loop between them. Lock-step TFTP is bound by that
/// round trip, which an event loop's extra `epoll_wait` and bookkeeping per packet made about a third slower.
final class TransferSocket: @unchecked Sendable {
    // @unchecked: only the transfer's thread uses it, except `shutdown()`, which touches the immutable descriptor
    // and an atomic.
    /// What one wait for a packet brought.
    enum Received {
        /// A packet (now in the receive buffer) from the client's address.
        case fromClient
        /// A packet from any other address; `replyToStranger` answers that sender.
        case fromStranger
        case timedOut
        /// `shutdown()` was called (server stopping).
        case shutDown
    }

    private let descriptor: Int32
    private let client: sockaddr_storage
    private let clientLength: socklen_t
    private var stranger = sockaddr_storage()
    private var strangerLength = socklen_t(0)
    private var receiveTimeout: Duration?

    /// Binds a new socket to `local` (port 0 picks the TID) for a transfer with `client`.
    init(local: SocketAddress, client: SocketAddress) throws(TransferSocketError) {
        let family = local.protocol.rawValue
        descriptor = socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TransferSocketError(operation: "socket") }
        var storage = sockaddr_storage()
        var length = socklen_t(0)
        client.withSockAddr { address, size in
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: size)) }
            length = socklen_t(size)
        }
        self.client = storage
        self.clientLength = length
        let bound = local.withSockAddr { address, size in systemBind(descriptor, address, socklen_t(size)) }
        guard bound == 0 else {
            let error = TransferSocketError(operation: "bind")
            _ = systemCloseSocket(descriptor)
            throw error
        }
    }

    deinit { _ = systemCloseSocket(descriptor) }

    /// Sends one datagram to the client. Send errors (ICMP, full buffers) are left to the retransmission timer.
    func sendToClient(_ datagram: ByteBuffer) {
        withUnsafePointer(to: client) { address in
            address.withMemoryRebound(to: sockaddr.self, capacity: 1) { send(datagram, to: $0, length: clientLength) }
        }
    }

    /// Answers the sender of the last `fromStranger` packet.
    func replyToStranger(_ datagram: ByteBuffer) {
        withUnsafePointer(to: stranger) { address in
            address.withMemoryRebound(to: sockaddr.self, capacity: 1) { send(datagram, to: $0, length: strangerLength) }
        }
    }

    /// Waits up to `timeout` for a datagram and reads it into `buffer` (cleared first).
    func receive(into buffer: inout ByteBuffer, timeout: Duration) -> Received {
        if receiveTimeout != timeout { setReceiveTimeout(timeout) }
        buffer.clear()
        var count = 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 2048) { bytes in
            withUnsafeMutablePointer(to: &stranger) { address in
                address.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    strangerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
                    count = recvfrom(descriptor, bytes.baseAddress, bytes.count, 0, pointer, &strangerLength)
                }
            }
            return max(count, 0)
        }
        if count < 0 {
            switch errno {
            case EAGAIN, EWOULDBLOCK: return .timedOut
            case EINTR: return receive(into: &buffer, timeout: timeout)
            default: return .timedOut  // ICMP errors from earlier sends and the like; the timer copes
            }
        }
        if count == 0, isShutDown { return .shutDown }
        return isClient(stranger, strangerLength) ? .fromClient : .fromStranger
    }

    /// Wakes a `receive` blocked on another thread (it returns `shutDown`). Linux wakes readers of a UDP socket
    /// on shutdown even though the socket is unconnected (the call itself reports ENOTCONN).
    func shutdown() {
        stopping.store(true, ordering: .releasing)
        _ = systemShutdown(descriptor, Int32(SHUT_RDWR))
    }

    private let stopping = Atomic<Bool>(false)
    private var isShutDown: Bool { stopping.load(ordering: .acquiring) }

    private func send(_ datagram: ByteBuffer, to address: UnsafePointer<sockaddr>, length: socklen_t) {
        datagram.withUnsafeReadableBytes { bytes in
            _ = sendto(descriptor, bytes.baseAddress, bytes.count, 0, address, length)
        }
    }

    private func setReceiveTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(max(seconds, 0)), tv_usec: Int(max(attoseconds, 0) / 1_000_000_000_000))
        if value.tv_sec == 0, value.tv_usec == 0 { value.tv_usec = 1 }  // 0 would mean "wait forever"
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        receiveTimeout = timeout
    }

    /// Same family, port and address as the client (RFC 1350 TIDs are ports; the address must match too).
    private func isClient(_ sender: sockaddr_storage, _ length: socklen_t) -> Bool {
        guard length == clientLength, sender.ss_family == client.ss_family else { return false }
        return withUnsafeBytes(of: sender) { a in
            withUnsafeBytes(of: client) { b in
                switch Int32(sender.ss_family) {
                case AF_INET:
                    // sin_port and sin_addr: bytes 2..<8.
                    return a[2..<8].elementsEqual(b[2..<8])
                case AF_INET6:
                    // sin6_port (2..<4) and sin6_addr (8..<24), then scope id (24..<28).
                    return a[2..<4].elementsEqual(b[2..<4]) && a[8..<28].elementsEqual(b[8..<28])
                default:
                    return a[0..<Int(length)].elementsEqual(b[0..<Int(length)])
                }
            }
        }
    }
}

/// A socket call failed when setting up a transfer.
struct TransferSocketError: Error, CustomStringConvertible {
    let operation: String
    let reason: String

    init(operation: String) {
        self.operation = operation
        self.reason = errnoDescription()
    }

    var description: String { "\(operation): \(reason)" }
}

// The C calls under names the class's own `shutdown()` does not shadow.
private func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 { bind(fd, address, length) }
private func systemShutdown(_ fd: Int32, _ how: Int32) -> Int32 { shutdown(fd, how) }
private func systemCloseSocket(_ fd: Int32) -> Int32 { close(fd) }
