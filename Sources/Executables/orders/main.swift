import MercatoCore
import OrdersService

try await ServiceMain.run(OrdersService.definition, build: OrdersService.buildApplication)
