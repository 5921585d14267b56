import MercatoCore
import NotificationsService

ServiceMain.adoptEventLoopsAsGlobalExecutor()
try await ServiceMain.run(NotificationsService.definition, build: NotificationsService.buildApplication)
