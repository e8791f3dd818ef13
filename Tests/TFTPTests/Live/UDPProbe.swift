import Glibc
import NIOCore
import TFTP

/// A raw UDP socket on 127.0.0.1 for sending hand-made (and deliberately broken) packets to the
/// server and reading its answers. Receives block the calling thread for at most the timeout.
final class UDPProbe {
    private let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else {
            close(fd)
            throw ProbeError.socket
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8], to port: Int) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, sockaddrPointer, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
    }

    func send(_ packet: TFTPPacket, to port: Int) {
        send(Array(packet.encoded().readableBytesView), to: port)
    }

    /// The next datagram and the port it came from, or nil after `milliseconds` of silence.
    func receive(milliseconds: Int = 2000) -> (packet: TFTPPacket?, port: Int)? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(milliseconds)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var from = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &from) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, raw.baseAddress, raw.count, 0, $0, &length) }
            }
        }
        guard count >= 0 else { return nil }
        var bytes = ByteBuffer(bytes: buffer[0..<count])
        return (try? TFTPPacket(parsing: &bytes), Int(UInt16(bigEndian: from.sin_port)))
    }

    /// The error code of the next datagram if it is an ERROR packet.
    func receiveErrorCode(milliseconds: Int = 2000) -> TFTPErrorCode? {
        guard case .error(let code, _)? = receive(milliseconds: milliseconds)?.packet else { return nil }
        return code
    }

    enum ProbeError: Error { case socket }
}

/// A read request's bytes.
func readRequest(_ name: String, mode: String = "octet", options: [(String, String)] = []) -> [UInt8] {
    [0, 1] + Array(name.utf8) + [0] + Array(mode.utf8) + [0] + options.flatMap { Array($0.0.utf8) + [0] + Array($0.1.utf8) + [0] }
}
