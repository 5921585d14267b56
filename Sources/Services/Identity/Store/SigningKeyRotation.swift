import Configuration
import Logging
import MercatoCore

/// `identity rotate-signing-key`: adds a signing key that becomes the active one. Running services
/// pick it up within `identity.keyCacheSeconds`; the old key stays published until its tokens expire.
enum SigningKeyRotation {
    /// Connects with the service's own settings, applies migrations, adds the key and returns its kid.
    static func rotate(config: ConfigReader, logger: Logger) async throws -> String {
        let cipher = try IdentityConfig(reader: config).signingKeyCipher()
        let database = Database(config: PostgresConfig(reader: config, serviceName: IdentityService.definition.name), logger: logger)
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                await database.run()
                return nil
            }
            defer { group.cancelAll() }
            try await MigrationRunner(database: database, service: IdentityService.definition.name,
                                      migrations: IdentityService.definition.migrations).run()
            let kid = try await SigningKeyStore(database: database, cipher: cipher).addKey()
            logger.notice("signing key rotated", metadata: ["kid": "\(kid)"])
            return kid
        }
    }
}
