import Contracts
import Testing
@testable import OrdersService

/// The routing keys orders' consumer binds are the ones `EventBindings` lists for it (producers and `mercato up` rely on it).
@Suite struct OrdersEventBindingsTests {
    @Test func ordersBindsExactlyWhatEventBindingsSays() {
        #expect(OrdersService.eventHandlers().routingKeys == EventBindings.byService["orders"])
    }
}
