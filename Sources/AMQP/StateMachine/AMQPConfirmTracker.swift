import NIOCore

/// Publisher-confirm bookkeeping for one channel: which promise each publish sequence number settles.
/// A promise covers a group of consecutive publishes (one, or a batch) and settles when all of them are
/// acked or nacked. O(1) amortised per message, for single and `multiple` acks alike. Pure: returns actions.
struct AMQPConfirmTracker {
    struct Group {
        var promise: EventLoopPromise<Void>?
        var count: Int
        var remaining: Int
        /// Positions within the group the broker nacked.
        var nacked: [Int] = []
    }

    /// One publish awaiting its confirm: the key (first sequence number) of its group.
    struct Entry {
        var group: UInt64
        var settled = false
    }

    private var nextSequence: UInt64 = 1
    /// Sequence number of `pending.first`.
    private var base: UInt64 = 1
    private var pending = CircularBuffer<Entry>()
    private var groups: [UInt64: Group] = [:]
    /// Publishes not yet acked or nacked.
    private(set) var unsettled = 0

    /// Assigns the next `count` sequence numbers to one promise (the broker numbers publishes from 1 after confirm.select).
    mutating func track(count: Int, promise: EventLoopPromise<Void>?, actions: inout [AMQPAction]) {
        guard count > 0 else {
            if let promise { actions.append(.succeed(promise)) }
            return
        }
        let key = nextSequence
        groups[key] = Group(promise: promise, count: count, remaining: count)
        for _ in 0..<count { pending.append(Entry(group: key)) }
        nextSequence += UInt64(count)
        unsettled += count
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
        if group.nacked.isEmpty {
            actions.append(.succeed(promise))
        } else if group.count == 1 {
            actions.append(.fail(promise, AMQPError(code: .publishNacked, message: "the broker nacked the message (it was not stored)")))
        } else {
            let positions = group.nacked.prefix(20).map(String.init).joined(separator: ", ") + (group.nacked.count > 20 ? ", …" : "")
            actions.append(.fail(promise, AMQPError(code: .publishNacked,
                                                    message: "the broker nacked \(group.nacked.count) of the batch's \(group.count) messages "
                                                        + "(positions \(positions), counting from 0); they were not stored")))
        }
    }

    /// Fails every waiting promise, oldest first; the sequence restarts (a new channel numbers from 1 again).
    mutating func failAll(_ error: AMQPError, actions: inout [AMQPAction]) {
        for key in groups.keys.sorted() {
            if let promise = groups[key]?.promise { actions.append(.fail(promise, error)) }
        }
        self = AMQPConfirmTracker()
    }
}
