#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TCP ports on 127.0.0.1, as the local servers use them.
public enum LoopbackPort {
    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func acceptsConnections(_ port: Int) -> Bool {
        withSocket(port: port) { fd, address, length in connect(fd, address, length) == 0 } ?? false
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick for port 0).
    public static func freePort() -> Int? {
        var chosen: Int?
        _ = withSocket(port: 0) { fd, address, length in
            var length = length
            guard bind(fd, address, length) == 0, getsockname(fd, address, &length) == 0 else { return false }
            chosen = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            return true
        }
        return chosen
    }

    /// Whether `port` on 127.0.0.1 can be bound right now (nothing listens on it nor holds it).
    public static func canBind(_ port: Int) -> Bool {
        withSocket(port: port) { fd, address, length in bind(fd, address, length) == 0 } ?? false
    }

    /// Runs `body` with a fresh TCP socket and the address 127.0.0.1:`port`; the socket is closed afterwards.
    /// Nil when no socket could be made.
    private static func withSocket(port: Int, _ body: (Int32, UnsafeMutablePointer<sockaddr>, socklen_t) -> Bool) -> Bool? {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
