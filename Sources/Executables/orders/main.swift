import MercatoCore
import OrdersService

ServiceMain.adoptEventLoopsAsGlobalExecutor()
try await ServiceMain.run(OrdersService.definition, build: OrdersService.buildApplication)
