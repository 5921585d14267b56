import Foundation
import MercatoCore
import Messaging
import Testing

/// What the consumer does after each attempt, decided without a broker.
@Suite struct DeliveryDecisionTests {
    struct Transient: Error, CustomStringConvertible { var description: String { "db down" } }

    @Test func successIsAcknowledged() {
        #expect(DeliveryDecision.decide(attempt: 1, failure: nil, retryDelays: [1, 10]) == .acknowledge)
    }

    @Test func transientFailuresWalkTheRetryQueuesThenDeadLetter() {
        #expect(DeliveryDecision.decide(attempt: 1, failure: Transient(), retryDelays: [1, 10]) == .retry(retry: 1, reason: "db down"))
        #expect(DeliveryDecision.decide(attempt: 2, failure: Transient(), retryDelays: [1, 10]) == .retry(retry: 2, reason: "db down"))
        #expect(DeliveryDecision.decide(attempt: 3, failure: Transient(), retryDelays: [1, 10])
                == .deadLetter(reason: "failed after 3 attempts: db down"))
    }

    @Test func withoutRetryQueuesTheFirstFailureIsDeadLettered() {
        #expect(DeliveryDecision.decide(attempt: 1, failure: Transient(), retryDelays: [])
                == .deadLetter(reason: "failed after 1 attempts: db down"))
    }

    @Test func permanentFailuresSkipTheRetries() {
        #expect(DeliveryDecision.decide(attempt: 1, failure: PermanentEventFailure("bad data"), retryDelays: [1, 10, 60])
                == .deadLetter(reason: "bad data"))
    }

    @Test func anInterruptedHandlerGivesTheDeliveryBack() {
        #expect(DeliveryDecision.decide(attempt: 1, failure: CancellationError(), retryDelays: [1]) == .requeue)
    }

    @Test func aDatabaseOutagePausesTheConsumerWithoutSpendingAnAttempt() {
        for attempt in [1, 3, 4] {
            #expect(DeliveryDecision.decide(attempt: attempt, failure: DatabaseUnavailable(.leaseTimedOut), retryDelays: [1, 10, 60]) == .pause)
        }
    }

    @Test func retryDelaysMustBePositiveNumbers() throws {
        #expect(try MessagingConfig.parseDelays("1, 10,60") == [1, 10, 60])
        #expect(throws: MessagingConfigError.self) { try MessagingConfig.parseDelays("1,soon") }
        #expect(throws: MessagingConfigError.self) { try MessagingConfig.parseDelays("0") }
    }
}
