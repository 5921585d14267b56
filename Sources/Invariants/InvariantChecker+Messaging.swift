import Contracts
import Foundation

extension InvariantChecker {
    static func outboxesDrained(_ outboxes: [String: AuditReading<OutboxAudit>], bound: Double) -> InvariantResult {
        let (read, unread) = perService(outboxes)
        let offenders = read.compactMap { service, outbox -> String? in
            outbox.unsent > 0 && outbox.oldestUnsentAgeSeconds > bound
                ? "\(service): \(outbox.unsent) unsent, oldest \(String(format: "%.1f", outbox.oldestUnsentAgeSeconds)) s" : nil
        }
        return InvariantResult(name: "outboxes-drained", claim: "no outbox row stays unsent longer than \(Int(bound)) s",
                               examined: read.count, offenders: offenders, missing: unread)
    }

    static func deadLetterQueuesEmpty(_ deadLetters: [String: AuditReading<[String]>]) -> InvariantResult {
        let (read, unread) = perService(deadLetters)
        let offenders = read.flatMap { service, ids in ids.map { "\(service).dlq: \($0)" } }
        return InvariantResult(name: "dead-letter-queues-empty", claim: "every dead-letter queue is empty",
                               examined: read.count, offenders: offenders, missing: unread)
    }

    /// Every event a producer sent reached the inbox of every consumer whose handlers bind its type. An event is judged
    /// only against consumers whose inbox holds an event at least as old (older ones may have been pruned there, or
    /// sent before the consumer's queue existed; an empty inbox judges everything) and only if it was sent before
    /// `cutoff` (later ones may still be in flight). The producer's side is what its outbox still keeps (sent rows are
    /// pruned after `outbox.retention`). A producer or consumer that could not be read leaves its pairs unjudged.
    static func eventsDelivered(_ sent: [String: AuditReading<[OutboxEventAudit]>], to inboxes: [String: AuditReading<ConsumerInbox>],
                                sentBefore cutoff: Date) -> InvariantResult {
        let (producers, unreadProducers) = perService(sent)
        let (consumers, unreadConsumers) = perService(inboxes)
        var examined = 0
        var offenders: [String] = []
        for (producer, events) in producers {
            for event in events.sorted(by: { $0.sentAt < $1.sentAt }) where event.sentAt < cutoff {
                for (consumer, inbox) in consumers where inbox.eventTypes.contains(event.eventType) {
                    if let horizon = inbox.oldestReceivedAt, event.sentAt < horizon { continue }
                    examined += 1
                    if !inbox.eventIDs.contains(event.eventID) {
                        offenders.append("event \(id(event.eventID)) \(event.eventType) from \(producer) not in \(consumer)'s inbox")
                    }
                }
            }
        }
        return InvariantResult(name: "events-delivered",
                               claim: "every event an outbox sent reached the inbox of every consumer that binds its type",
                               examined: examined, offenders: offenders, missing: unreadProducers + unreadConsumers)
    }

    /// No consumer queue holds unacknowledged deliveries without acknowledging any between two readings (see
    /// `QueueMotion.isStalled`): a hung handler or a lost ack keeps its lane, and the subject's later events, waiting.
    static func consumersMoving(_ queues: [String: AuditReading<QueueMotion>]) -> InvariantResult {
        let (read, unread) = perService(queues)
        let offenders = read.filter { $0.1.isStalled }.map { service, motion in
            "\(service).events: \(motion.second.unacknowledged) unacknowledged, no ack in \(String(format: "%.1f", motion.seconds)) s "
                + "(\(motion.second.consumers) consumers, \(motion.second.ready) ready)"
        }
        return InvariantResult(name: "consumers-moving",
                               claim: "no consumer queue keeps unacknowledged messages without acknowledging any between two readings",
                               examined: read.count, offenders: offenders, missing: unread)
    }
}
