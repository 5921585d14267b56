import MercatoCore
import PaymentsService

ServiceMain.adoptEventLoopsAsGlobalExecutor()
try await ServiceMain.run(PaymentsService.definition, build: PaymentsService.buildApplication)
