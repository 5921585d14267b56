/// Every error this library throws: an opaque `code` (cases can be added without breaking callers),
/// a message, and — for broker exceptions — the broker's reply code and text.
public struct AMQPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; compare with the static members.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// Bytes on the wire that are not valid AMQP 0-9-1.
        public static let malformedFrame = Code("malformedFrame")
        /// The broker closed the channel (reply code and text say why, e.g. 404 NOT_FOUND).
        public static let channelClosedByBroker = Code("channelClosedByBroker")
        /// The broker closed the connection (reply code and text say why).
        public static let connectionClosedByBroker = Code("connectionClosedByBroker")
        /// The connection is closed or was lost; the operation did not complete.
        public static let connectionClosed = Code("connectionClosed")
        /// The channel was closed by us.
        public static let channelClosed = Code("channelClosed")
        /// The broker sent no heartbeat or data for two heartbeat intervals.
        public static let heartbeatTimeout = Code("heartbeatTimeout")
        /// The broker nacked a published message (publisher confirms).
        public static let publishNacked = Code("publishNacked")
        /// The broker returned a `mandatory` message as unroutable (no queue received it), then acked it; publish it again later.
        /// `replyCode`/`replyText` (e.g. 312 NO_ROUTE) and `routingKey` are the broker's `basic.return`.
        public static let publishReturned = Code("publishReturned")
        /// The connection died while a publish awaited its confirmation: it may or may not have been routed; retry it.
        public static let publishUnconfirmed = Code("publishUnconfirmed")
        /// The broker refused the login or the protocol version.
        public static let handshakeFailed = Code("handshakeFailed")
        /// An operation the state of the connection or channel does not allow.
        public static let invalidState = Code("invalidState")
        /// The broker cancelled a consumer (e.g. its queue was deleted).
        public static let consumerCancelled = Code("consumerCancelled")
        /// The URL or configuration is not usable.
        public static let invalidConfiguration = Code("invalidConfiguration")
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence for people.
    public var message: String
    /// The broker's reply code (e.g. 404, 406) for broker exceptions.
    public var replyCode: UInt16?
    /// The broker's reply text for broker exceptions.
    public var replyText: String?
    /// The routing key of a returned message (`.publishReturned`).
    public var routingKey: String?

    /// An error with a code and a message.
    public init(code: Code, message: String, replyCode: UInt16? = nil, replyText: String? = nil, routingKey: String? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
        self.replyText = replyText
        self.routingKey = routingKey
    }

    /// The code, the message and the broker's words.
    public var description: String {
        var text = "AMQPError.\(code): \(message)"
        if let replyCode { text += " (\(replyCode) \(replyText ?? ""))" }
        if let routingKey { text += " [routing key \(routingKey)]" }
        return text
    }

    static func malformed(_ message: String) -> AMQPError { AMQPError(code: .malformedFrame, message: message) }
    static func invalidState(_ message: String) -> AMQPError { AMQPError(code: .invalidState, message: message) }
    static func connectionClosed(_ message: String = "the connection is closed") -> AMQPError {
        AMQPError(code: .connectionClosed, message: message)
    }
}
