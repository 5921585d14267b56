import MercatoCore
import NotificationsService

try await ServiceMain.run(NotificationsService.definition, build: NotificationsService.buildApplication)
