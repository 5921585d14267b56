import NIOCore

/// How to reach and talk to the broker.
///
/// Keys and defaults: `host` ("127.0.0.1"), `port` (5672), `user`/`password` ("guest"), `virtualHost` ("/"),
/// `heartbeat` (60 s; 0 disables), `frameMax` (131072), `channelMax` (2047), `connectTimeout` (5 s),
/// `connectionName` (nil), `recovery` (enabled: 100 ms doubling to 5 s, unlimited attempts).
public struct AMQPConfiguration: Sendable {
    /// Reconnect policy after the connection is lost.
    public struct Recovery: Sendable {
        /// First delay before reconnecting.
        public var initialBackoff: Duration
        /// Longest delay between attempts.
        public var maximumBackoff: Duration
        /// Attempts before giving up (nil: forever, until `close()`).
        public var maximumAttempts: Int?

        /// A backoff policy.
        public init(initialBackoff: Duration = .milliseconds(100), maximumBackoff: Duration = .seconds(5), maximumAttempts: Int? = nil) {
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
            self.maximumAttempts = maximumAttempts
        }
    }

    /// Broker host.
    public var host: String
    /// Broker AMQP port.
    public var port: Int
    /// User for PLAIN authentication.
    public var user: String
    /// Password for PLAIN authentication.
    public var password: String
    /// Virtual host.
    public var virtualHost: String
    /// Heartbeat interval we ask for, in seconds (the lower non-zero of ours and the broker's wins).
    public var heartbeat: UInt16
    /// Largest frame we accept.
    public var frameMax: UInt32
    /// Most channels we open.
    public var channelMax: UInt16
    /// TCP connect timeout.
    public var connectTimeout: TimeAmount
    /// Shown in the management UI.
    public var connectionName: String?
    /// Reconnect and topology recovery; nil disables it.
    public var recovery: Recovery?

    /// A configuration with defaults for anything not given.
    public init(host: String = "127.0.0.1", port: Int = 5672, user: String = "guest", password: String = "guest", virtualHost: String = "/",
                heartbeat: UInt16 = 60, frameMax: UInt32 = 131_072, channelMax: UInt16 = 2047, connectTimeout: TimeAmount = .seconds(5),
                connectionName: String? = nil, recovery: Recovery? = Recovery()) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeat = heartbeat
        self.frameMax = frameMax
        self.channelMax = channelMax
        self.connectTimeout = connectTimeout
        self.connectionName = connectionName
        self.recovery = recovery
    }

    /// Reads `amqp://user:password@host:port/vhost` (the vhost percent-encoded, "/" being `%2F`).
    public init(url: String) throws(AMQPError) {
        self.init()
        guard url.hasPrefix("amqp://") else { throw AMQPError(code: .invalidConfiguration, message: "only amqp:// URLs are supported: \(url)") }
        var rest = Substring(url.dropFirst("amqp://".count))
        if let slash = rest.firstIndex(of: "/") {
            let path = String(rest[rest.index(after: slash)...])
            virtualHost = path.isEmpty ? "/" : (path.removingPercentEncoding ?? path)
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            user = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            if parts.count > 1 { password = String(parts[1]).removingPercentEncoding ?? String(parts[1]) }
            rest = rest[rest.index(after: at)...]
        }
        if let colon = rest.lastIndex(of: ":") {
            guard let parsed = Int(rest[rest.index(after: colon)...]) else {
                throw AMQPError(code: .invalidConfiguration, message: "bad port in \(url)")
            }
            port = parsed
            rest = rest[..<colon]
        }
        if !rest.isEmpty { host = String(rest) }
    }

    var stateMachineOptions: AMQPConnectionStateMachine.Options {
        .init(user: user, password: password, virtualHost: virtualHost, channelMax: channelMax, frameMax: frameMax, heartbeat: heartbeat,
              connectionName: connectionName)
    }
}

extension String {
    /// Decodes %XX escapes (Foundation-free, so the library needs only NIO).
    var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
