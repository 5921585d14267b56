import CatalogService
import MercatoCore

ServiceMain.adoptEventLoopsAsGlobalExecutor()
try await ServiceMain.run(CatalogService.definition, build: CatalogService.buildApplication)
