import Configuration

/// The HTTP listener of a service.
///
/// Keys (under `http.`): `host` (string, default `127.0.0.1`), `port` (int, the service's
/// default port), `bodyLimit` (int bytes, default 1048576 — larger bodies get 413),
/// `drainDelay` (double seconds, default 0.5 — how long readiness reports 503 before the
/// listener closes on shutdown), `shutdownTimeout` (double seconds, default 10 — how long
/// in-flight requests may take to finish).
public struct HTTPServerConfig: Sendable {
    /// Address to bind.
    public var host: String
    /// Port to bind; 0 picks a free port.
    public var port: Int
    /// Largest accepted request body in bytes.
    public var bodyLimit: Int
    /// Seconds readiness reports 503 before the listener stops on shutdown.
    public var drainDelay: Double
    /// Seconds in-flight requests get to finish on shutdown.
    public var shutdownTimeout: Double

    /// Reads the listener settings, with `defaultPort` when `http.port` is unset.
    public init(reader: ConfigReader, defaultPort: Int) {
        let http = reader.scoped(to: "http")
        self.host = http.string(forKey: "host", default: "127.0.0.1")
        self.port = http.int(forKey: "port", default: defaultPort)
        self.bodyLimit = http.int(forKey: "bodyLimit", default: 1 << 20)
        self.drainDelay = http.double(forKey: "drainDelay", default: 0.5)
        self.shutdownTimeout = http.double(forKey: "shutdownTimeout", default: 10)
    }

    /// Settings given directly, for tests.
    public init(host: String = "127.0.0.1", port: Int, bodyLimit: Int = 1 << 20, drainDelay: Double = 0, shutdownTimeout: Double = 10) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.drainDelay = drainDelay
        self.shutdownTimeout = shutdownTimeout
    }
}
