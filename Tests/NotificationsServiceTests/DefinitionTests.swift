import NotificationsService
import Testing

@Test func definitionNamesTheService() {
    #expect(NotificationsService.definition.name == "notifications")
}
