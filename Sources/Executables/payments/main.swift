import MercatoCore
import PaymentsService

try await ServiceMain.run(PaymentsService.definition, build: PaymentsService.buildApplication)
