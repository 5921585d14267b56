import CatalogService
import MercatoCore

try await ServiceMain.run(CatalogService.definition, build: CatalogService.buildApplication)
