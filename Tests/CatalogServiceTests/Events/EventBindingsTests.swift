import Contracts
import Testing
@testable import CatalogService

/// The routing keys catalog's consumer binds are the ones `EventBindings` lists for it (producers and `mercato up` rely on it).
@Suite struct CatalogEventBindingsTests {
    @Test func catalogBindsExactlyWhatEventBindingsSays() {
        #expect(CatalogService.eventHandlers(config: catalogConfig()).routingKeys == EventBindings.byService["catalog"])
    }
}
