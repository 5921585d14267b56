import NIOCore

/// Publisher-confirm bookkeeping for one channel: which promise each publish sequence number settles.
/// A promise covers a group of consecutive publishes (one, or a batch) and settles when all of them are
/// acked or nacked. O(1) amortised per message, for single and `multiple` acks alike. Pure: returns actions.
///
/// RabbitMQ returns an unroutable `mandatory` message (`basic.return`) and then acks it, so the ack alone would
/// confirm a message no queue received. A return carries no delivery tag, and acks of earlier routable messages may
/// still be due, so it is matched by `message_id`: every outstanding mandatory publish with the returned message's id
/// counts as returned, and its group fails with `.publishReturned` when the ack settles it. A returned message
/// without a `message_id` marks every outstanding mandatory publish without one: some of them may have been routed,
/// but none is confirmed by mistake (the caller publishes them again). Give mandatory messages unique ids.
struct AMQPConfirmTracker {
    /// What a `basic.return` said about one publish of a group.
    struct Return {
        var position: Int
        var replyCode: UInt16
        var replyText: String
        var exchange: String
        var routingKey: String
    }

    struct Group {
        var promise: EventLoopPromise<Void>?
        var count: Int
        var remaining: Int
        /// Positions within the group the broker nacked.
        var nacked: [Int] = []
        /// Publishes of the group the broker returned.
        var returned: [Return] = []
    }

    /// One publish awaiting its confirm: the key (first sequence number) of its group.
    struct Entry {
        var group: UInt64
        var settled = false
        /// Whether the broker may return it.
        var mandatory = false
        /// Its `message_id`, kept for mandatory publishes only: what a return is matched by.
        var messageID: String?
        var returned = false
    }

    private var nextSequence: UInt64 = 1
    /// Sequence number of `pending.first`.
    private var base: UInt64 = 1
    private var pending = CircularBuffer<Entry>()
    private var groups: [UInt64: Group] = [:]
    /// Publishes not yet acked or nacked.
    private(set) var unsettled = 0

    /// Assigns the next sequence numbers to `messages` under one promise (the broker numbers publishes from 1 after confirm.select).
    mutating func track(_ messages: some Collection<AMQPOutboundMessage>, promise: EventLoopPromise<Void>?, actions: inout [AMQPAction]) {
        let count = messages.count
        guard count > 0 else {
            if let promise { actions.append(.succeed(promise)) }
            return
        }
        let key = nextSequence
        groups[key] = Group(promise: promise, count: count, remaining: count)
        for message in messages {
            pending.append(Entry(group: key, mandatory: message.mandatory, messageID: message.mandatory ? message.properties.messageID : nil))
        }
        nextSequence += UInt64(count)
        unsettled += count
    }

    /// Applies `basic.return`: marks the outstanding mandatory publishes with the returned message's `message_id`
    /// (every one without an id when it has none); their groups fail when the broker acks them.
    mutating func returned(_ message: AMQPReturnedMessage) {
        for offset in 0..<pending.count {
            let index = pending.index(pending.startIndex, offsetBy: offset)
            let entry = pending[index]
            guard entry.mandatory, !entry.settled, !entry.returned, entry.messageID == message.properties.messageID else { continue }
            pending[index].returned = true
            let position = Int(base + UInt64(offset) - entry.group)
            groups[entry.group]?.returned.append(Return(position: position, replyCode: message.replyCode, replyText: message.replyText,
                                                        exchange: message.exchange, routingKey: message.routingKey))
        }
    }

    /// Applies `basic.ack` (nacked false) or `basic.nack` (true) for `tag`, and with `multiple` every earlier one.
    mutating func settle(tag: UInt64, multiple: Bool, nacked: Bool, actions: inout [AMQPAction]) {
        if multiple {
            while base <= tag, let entry = pending.popFirst() {
                if !entry.settled { settle(sequence: base, group: entry.group, nacked: nacked, actions: &actions) }
                base += 1
            }
            return
        }
        guard tag >= base, tag - base < UInt64(pending.count) else { return }  // Unknown or already settled.
        let index = pending.index(pending.startIndex, offsetBy: Int(tag - base))
        guard !pending[index].settled else { return }
        pending[index].settled = true
        settle(sequence: tag, group: pending[index].group, nacked: nacked, actions: &actions)
        while pending.first?.settled == true {
            pending.removeFirst()
            base += 1
        }
    }

    private mutating func settle(sequence: UInt64, group key: UInt64, nacked: Bool, actions: inout [AMQPAction]) {
        guard var group = groups[key] else { return }
        unsettled -= 1
        group.remaining -= 1
        if nacked { group.nacked.append(Int(sequence - key)) }
        guard group.remaining == 0 else {
            groups[key] = group
            return
        }
        groups[key] = nil
        guard let promise = group.promise else { return }
        if let failure = Self.failure(of: group) {
            actions.append(.fail(promise, failure))
        } else {
            actions.append(.succeed(promise))
        }
    }

    /// Why a settled group failed (a return, else a nack), or nil when every publish was acked and none returned.
    private static func failure(of group: Group) -> AMQPError? {
        if let first = group.returned.first {
            let message: String
            if group.count == 1 {
                message = "the broker returned the message (exchange '\(first.exchange)'): no queue received it"
            } else {
                let keys = Array(Set(group.returned.map(\.routingKey))).sorted()
                message = "the broker returned \(group.returned.count) of the batch's \(group.count) messages "
                    + "(positions \(list(group.returned.map(\.position).sorted())), counting from 0; routing keys \(list(keys))): "
                    + "no queue received them"
            }
            return AMQPError(code: .publishReturned, message: message, replyCode: first.replyCode, replyText: first.replyText,
                             routingKey: first.routingKey)
        }
        if group.nacked.isEmpty { return nil }
        if group.count == 1 { return AMQPError(code: .publishNacked, message: "the broker nacked the message (it was not stored)") }
        return AMQPError(code: .publishNacked, message: "the broker nacked \(group.nacked.count) of the batch's \(group.count) messages "
                             + "(positions \(list(group.nacked)), counting from 0); they were not stored")
    }

    /// The first 20 items, comma-separated.
    private static func list(_ items: [some CustomStringConvertible]) -> String {
        items.prefix(20).map(\.description).joined(separator: ", ") + (items.count > 20 ? ", …" : "")
    }

    /// Fails every waiting promise, oldest first; the sequence restarts (a new channel numbers from 1 again).
    mutating func failAll(_ error: AMQPError, actions: inout [AMQPAction]) {
        for key in groups.keys.sorted() {
            if let promise = groups[key]?.promise { actions.append(.fail(promise, error)) }
        }
        self = AMQPConfirmTracker()
    }
}
