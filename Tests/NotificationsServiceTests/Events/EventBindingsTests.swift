import Contracts
import Testing
@testable import NotificationsService

/// The routing keys notifications' consumer binds are the ones `EventBindings` lists for it (producers and `mercato up` rely on it).
@Suite struct NotificationsEventBindingsTests {
    @Test func notificationsBindsExactlyWhatEventBindingsSays() throws {
        let handlers = try NotificationsService.eventHandlers()
        #expect(handlers.routingKeys == EventBindings.byService["notifications"])
    }
}
