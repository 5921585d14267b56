import NIOCore

/// The basic-class content properties of a message (AMQP 0-9-1 §4.2.6.1).
public struct AMQPBasicProperties: Sendable, Hashable {
    /// MIME content type.
    public var contentType: String?
    /// MIME content encoding.
    public var contentEncoding: String?
    /// Application headers.
    public var headers: AMQPTable?
    /// 1 = transient, 2 = persistent.
    public var deliveryMode: UInt8?
    /// Priority 0–9.
    public var priority: UInt8?
    /// Correlation identifier.
    public var correlationID: String?
    /// Queue to reply to.
    public var replyTo: String?
    /// Per-message TTL in milliseconds, as a string.
    public var expiration: String?
    /// Application message identifier.
    public var messageID: String?
    /// Seconds since the epoch.
    public var timestamp: UInt64?
    /// Message type name.
    public var type: String?
    /// Creating user id (RabbitMQ checks it against the login).
    public var userID: String?
    /// Creating application id.
    public var appID: String?
    /// Reserved; must be empty for RabbitMQ.
    public var clusterID: String?

    /// Properties with the given values; nil ones are not sent.
    public init(contentType: String? = nil, contentEncoding: String? = nil, headers: AMQPTable? = nil, deliveryMode: UInt8? = nil,
                priority: UInt8? = nil, correlationID: String? = nil, replyTo: String? = nil, expiration: String? = nil,
                messageID: String? = nil, timestamp: UInt64? = nil, type: String? = nil, userID: String? = nil,
                appID: String? = nil, clusterID: String? = nil) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.headers = headers
        self.deliveryMode = deliveryMode
        self.priority = priority
        self.correlationID = correlationID
        self.replyTo = replyTo
        self.expiration = expiration
        self.messageID = messageID
        self.timestamp = timestamp
        self.type = type
        self.userID = userID
        self.appID = appID
        self.clusterID = clusterID
    }

    /// Persistent delivery, the usual choice for durable queues.
    public static let persistent = AMQPBasicProperties(deliveryMode: 2)

    /// Writes property flags then the present properties in flag order.
    func encode(into b: inout ByteBuffer) {
        var flags: UInt16 = 0
        func flag(_ isPresent: Bool, _ index: UInt16) { if isPresent { flags |= 1 << (15 - index) } }
        flag(contentType != nil, 0); flag(contentEncoding != nil, 1); flag(headers != nil, 2); flag(deliveryMode != nil, 3)
        flag(priority != nil, 4); flag(correlationID != nil, 5); flag(replyTo != nil, 6); flag(expiration != nil, 7)
        flag(messageID != nil, 8); flag(timestamp != nil, 9); flag(type != nil, 10); flag(userID != nil, 11)
        flag(appID != nil, 12); flag(clusterID != nil, 13)
        b.writeInteger(flags)
        if let contentType { b.writeAMQPShortString(contentType) }
        if let contentEncoding { b.writeAMQPShortString(contentEncoding) }
        if let headers { b.writeAMQPTable(headers) }
        if let deliveryMode { b.writeInteger(deliveryMode) }
        if let priority { b.writeInteger(priority) }
        if let correlationID { b.writeAMQPShortString(correlationID) }
        if let replyTo { b.writeAMQPShortString(replyTo) }
        if let expiration { b.writeAMQPShortString(expiration) }
        if let messageID { b.writeAMQPShortString(messageID) }
        if let timestamp { b.writeInteger(timestamp) }
        if let type { b.writeAMQPShortString(type) }
        if let userID { b.writeAMQPShortString(userID) }
        if let appID { b.writeAMQPShortString(appID) }
        if let clusterID { b.writeAMQPShortString(clusterID) }
    }

    /// Reads property flags and the properties they announce.
    static func decode(from b: inout ByteBuffer) throws(AMQPError) -> AMQPBasicProperties {
        let flags: UInt16 = try b.readOrThrow()
        // Bit 0 would announce a further flags word; basic has only 14 properties, so it must be clear.
        guard flags & 1 == 0 else { throw .malformed("continued property flags are not used by the basic class") }
        func has(_ index: Int) -> Bool { flags & (1 << UInt16(15 - index)) != 0 }
        var p = AMQPBasicProperties()
        if has(0) { p.contentType = try b.readAMQPShortString() }
        if has(1) { p.contentEncoding = try b.readAMQPShortString() }
        if has(2) { p.headers = try b.readAMQPTable() }
        if has(3) { p.deliveryMode = try b.readOrThrow() }
        if has(4) { p.priority = try b.readOrThrow() }
        if has(5) { p.correlationID = try b.readAMQPShortString() }
        if has(6) { p.replyTo = try b.readAMQPShortString() }
        if has(7) { p.expiration = try b.readAMQPShortString() }
        if has(8) { p.messageID = try b.readAMQPShortString() }
        if has(9) { p.timestamp = try b.readOrThrow() }
        if has(10) { p.type = try b.readAMQPShortString() }
        if has(11) { p.userID = try b.readAMQPShortString() }
        if has(12) { p.appID = try b.readAMQPShortString() }
        if has(13) { p.clusterID = try b.readAMQPShortString() }
        return p
    }
}
