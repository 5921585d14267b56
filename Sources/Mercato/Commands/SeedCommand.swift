import ArgumentParser
import Foundation
import LocalCluster

/// `mercato seed`: a demo catalog and one customer account, through the public APIs; safe to run twice.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Create a demo catalog and a customer account (idempotent).")

    @OptionGroup var options: StackOptions

    func run() async throws {
        let config = try await options.stackConfig()
        let secrets = SecretStore(directory: config.secretsDirectory)
        let identity = APIClient(baseURL: config.url(of: "identity"))
        let token = try await DemoSeeder.adminToken(config: config)
        let seeder = DemoSeeder(catalog: APIClient(baseURL: config.url(of: "catalog"), bearer: token))
        let categoryIDs = try await seeder.seedCategories()
        let (created, existing) = try await seeder.seedProducts(categoryIDs: categoryIDs)
        print("  ✓ categories  \(categoryIDs.count)")
        print("  ✓ products    \(created) created, \(existing) already there")

        let customerEmail = "customer@mercato.local"
        let customerPassword = try secrets.secret("customer-password", bytes: 12)
        let register = try await identity.send(.POST, "/api/v1/auth/register",
                                               json: ["email": customerEmail, "password": customerPassword, "name": "Demo Customer"])
        guard register.status == 201 || register.status == 409 else {
            throw ValidationError("customer registration failed (\(register.status)): \(register.text)")
        }
        print("  ✓ customer    \(customerEmail) / password in \(config.secretsDirectory)/customer-password")
    }
}
