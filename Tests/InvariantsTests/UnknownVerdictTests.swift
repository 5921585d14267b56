import Contracts
import Foundation
import Invariants
import Testing

/// A part that could not be read makes exactly the invariants needing it UNKNOWN; the rest are judged as usual.
@Suite struct UnknownVerdictTests {
    static let refused = "payments /internal/v1/audit/payments: connection refused"

    @Test func aMissingPartMakesOnlyTheInvariantsNeedingItUnknown() {
        var world = InvariantCheckerTests.consistent().snapshot()
        world.payments = .unknown(Self.refused)
        let results = InvariantChecker.evaluate(world, outboxBound: 30)
        let unknown = results.filter { $0.status == .unknown }
        #expect(unknown.map(\.name) == ["confirmed-orders-paid", "cancelled-orders-clean", "payments-have-orders", "charges-accounted"])
        #expect(unknown.allSatisfy { $0.missing == [Self.refused] && $0.examined == 0 && $0.offenders.isEmpty && !$0.passed })
        #expect(results.filter { $0.status == .pass }.count == results.count - 4)
    }

    @Test func aServiceMissingFromAPerServicePartLeavesTheOthersJudged() {
        var world = InvariantCheckerTests.consistent().snapshot()
        world.outboxes["payments"] = .unknown("payments /internal/v1/audit/outbox: no answer within 5s")
        let unknown = world.verdict("outboxes-drained")
        #expect(unknown?.status == .unknown)
        #expect(unknown?.examined == 2)

        world.outboxes["orders"] = .read(OutboxAudit(unsent: 3, oldestUnsentAgeSeconds: 90))
        let failed = world.verdict("outboxes-drained")
        #expect(failed?.status == .fail, "what was read already breaks it")
        #expect(failed?.missing == ["payments /internal/v1/audit/outbox: no answer within 5s"])
    }

    @Test func everyDeadLetterQueueUnknownWhenTheBrokerIsAway() {
        var world = InvariantCheckerTests.consistent().snapshot()
        world.deadLetters = ["catalog": .unknown("catalog.dlq: rabbitmq: refused"), "orders": .unknown("orders.dlq: rabbitmq: refused")]
        let result = world.verdict("dead-letter-queues-empty")
        #expect(result?.status == .unknown)
        #expect(result?.missing == ["catalog.dlq: rabbitmq: refused", "orders.dlq: rabbitmq: refused"])
    }

    @Test func jsonCarriesStatusPassedAndMissingAndReadsBack() throws {
        let verdicts = [
            InvariantResult(name: "a", claim: "holds", examined: 3, offenders: []),
            InvariantResult(name: "b", claim: "breaks", examined: 3, offenders: ["x"], missing: ["m"]),
            InvariantResult.unknown(name: "c", claim: "unread", missing: ["orders: refused"]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(verdicts), as: UTF8.self)
        #expect(json.contains(#""passed":true,"status":"pass""#))
        #expect(json.contains(#""passed":false,"status":"fail""#))
        #expect(json.contains(#""missing":["orders: refused"],"name":"c","offenders":[],"passed":false,"status":"unknown""#))
        #expect(try JSONDecoder().decode([InvariantResult].self, from: Data(json.utf8)) == verdicts)
        let older = #"{"name":"a","claim":"c","examined":1,"offenders":[]}"#
        #expect(try JSONDecoder().decode(InvariantResult.self, from: Data(older.utf8)).status == .pass)
    }
}
