import Contracts
import Foundation
import Invariants
import Testing

/// `events-delivered`: every sent event of a bound type is in each binding consumer's inbox, within the window both
/// sides can judge.
@Suite struct EventsDeliveredTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let created = "mercato.orders.order-created.v1"
    static let confirmed = "mercato.orders.order-confirmed.v1"
    static let requested = "mercato.orders.payment-requested.v1"

    static func event(_ type: String, secondsAgo: Double, id: UUID = UUID()) -> OutboxEventAudit {
        OutboxEventAudit(eventID: id, eventType: type, sentAt: now.addingTimeInterval(-secondsAgo))
    }

    static func inbox(_ types: Set<String>, holding events: [OutboxEventAudit], oldestSecondsAgo: Double? = nil) -> ConsumerInbox {
        let oldest = oldestSecondsAgo.map { now.addingTimeInterval(-$0) } ?? events.map(\.sentAt).min()
        return ConsumerInbox(eventTypes: types, oldestReceivedAt: oldest, eventIDs: Set(events.map(\.eventID)))
    }

    func verdict(sent: [String: AuditReading<[OutboxEventAudit]>], inboxes: [String: AuditReading<ConsumerInbox>]) -> InvariantResult {
        var snapshot = AuditSnapshot.empty(takenAt: Self.now)
        snapshot.sentEvents = sent
        snapshot.inboxes = inboxes
        return snapshot.verdict("events-delivered") ?? InvariantResult(name: "absent", claim: "", examined: 0, offenders: ["absent"])
    }

    @Test func eventsInEveryBindingInboxPass() {
        let (order, confirm) = (Self.event(Self.created, secondsAgo: 60), Self.event(Self.confirmed, secondsAgo: 30))
        let result = verdict(sent: ["orders": .read([order, confirm])],
                             inboxes: ["catalog": .read(Self.inbox([Self.created, Self.confirmed], holding: [order, confirm])),
                                       "notifications": .read(Self.inbox([Self.confirmed], holding: [confirm]))])
        #expect(result.status == .pass)
        #expect(result.examined == 3, "order-created to catalog; order-confirmed to catalog and notifications")
    }

    @Test func anEventMissingFromABindingInboxIsNamed() {
        let (order, lost) = (Self.event(Self.created, secondsAgo: 60), Self.event(Self.created, secondsAgo: 20))
        let result = verdict(sent: ["orders": .read([order, lost])],
                             inboxes: ["catalog": .read(Self.inbox([Self.created], holding: [order])),
                                       "payments": .read(Self.inbox([Self.requested], holding: []))])
        #expect(result.status == .fail)
        #expect(result.offenders == ["event \(lost.eventID.uuidString.lowercased()) \(Self.created) from orders not in catalog's inbox"])
    }

    @Test func eventsStillInFlightAreNotJudged() {
        let fresh = Self.event(Self.created, secondsAgo: 2)
        let result = verdict(sent: ["orders": .read([fresh])], inboxes: ["catalog": .read(Self.inbox([Self.created], holding: []))])
        #expect(result.status == .pass)
        #expect(result.examined == 0)
    }

    /// An event older than the oldest one an inbox holds may have been pruned there, or sent before the consumer
    /// existed: not judged. An empty inbox has no such horizon.
    @Test func eventsOlderThanTheInboxHorizonAreNotJudgedButAnEmptyInboxJudgesAll() {
        let old = Self.event(Self.created, secondsAgo: 600)
        let kept = Self.event(Self.created, secondsAgo: 60)
        let pruned = verdict(sent: ["orders": .read([old, kept])],
                             inboxes: ["catalog": .read(Self.inbox([Self.created], holding: [kept], oldestSecondsAgo: 61))])
        #expect(pruned.status == .pass)
        #expect(pruned.examined == 1)
        let empty = verdict(sent: ["orders": .read([old])],
                            inboxes: ["catalog": .read(ConsumerInbox(eventTypes: [Self.created], oldestReceivedAt: nil, eventIDs: []))])
        #expect(empty.status == .fail)
        #expect(empty.offenders.count == 1)
    }

    @Test func unboundTypesAreNotExpected() {
        let stock = Self.event("mercato.catalog.stock-updated.v1", secondsAgo: 60)
        let result = verdict(sent: ["catalog": .read([stock])],
                             inboxes: ["orders": .read(Self.inbox(["mercato.catalog.stock-reserved.v1"], holding: []))])
        #expect(result.status == .pass)
        #expect(result.examined == 0)
    }

    /// A producer or consumer that could not be read makes the verdict UNKNOWN unless what was read already fails.
    @Test func anUnreadSideIsUnknownUnlessTheRestFails() {
        let order = Self.event(Self.created, secondsAgo: 60)
        let unknown = verdict(sent: ["orders": .read([order]), "payments": .unknown("payments /internal/v1/audit/outbox/events: refused")],
                              inboxes: ["catalog": .read(Self.inbox([Self.created], holding: [order]))])
        #expect(unknown.status == .unknown)
        #expect(unknown.missing == ["payments /internal/v1/audit/outbox/events: refused"])
        #expect(!unknown.passed)

        let failing = verdict(sent: ["orders": .read([order])],
                              inboxes: ["catalog": .read(Self.inbox([Self.created], holding: [], oldestSecondsAgo: 100)),
                                        "notifications": .unknown("notifications /internal/v1/audit/inbox: no answer within 5s")])
        #expect(failing.status == .fail)
        #expect(failing.missing.count == 1)
    }
}
