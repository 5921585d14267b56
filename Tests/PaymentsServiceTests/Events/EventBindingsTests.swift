import Contracts
import Testing
@testable import PaymentsService

/// The routing keys payments' consumer binds are the ones `EventBindings` lists for it (producers and `mercato up` rely on it).
@Suite struct PaymentsEventBindingsTests {
    @Test func paymentsBindsExactlyWhatEventBindingsSays() {
        let handlers = PaymentsService.eventHandlers(provider: TestPaymentProvider(), config: PaymentsConfig(), logger: .init(label: "t"))
        #expect(handlers.routingKeys == EventBindings.byService["payments"])
    }
}
