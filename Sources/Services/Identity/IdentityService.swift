import Configuration
import Foundation
import Logging
import MercatoCore
import Messaging
import ServiceLifecycle

/// The identity service: users, credentials, roles, preferences, tokens and signing keys.
public enum IdentityService {
    /// Name, port, schema and API document.
    public static let definition = ServiceDefinition(
        name: "identity", defaultPort: 8081, migrations: IdentityMigrations.all, openAPIDocument: IdentityOpenAPI.document)

    /// Builds the application; throws when `identity.keyEncryptionKey` is missing or invalid.
    public static func buildApplication(
        environment: ServiceEnvironment
    ) async throws -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service]) {
        let config = IdentityConfig(reader: environment.config)
        let cipher = try config.signingKeyCipher()
        let database = environment.database
        let keyStore = SigningKeyStore(database: database, cipher: cipher)
        let keyRing = SigningKeyRing(store: keyStore, cacheSeconds: config.keyCacheSeconds,
                                     accessTokenTTL: config.accessTokenTTL, leeway: config.jwksLeeway)
        let hasher = PasswordHasher(cost: config.bcryptCost)
        let users = UserStore(database: database)
        let components = IdentityComponents(
            database: database, users: users, preferences: PreferencesStore(database: database),
            refreshTokens: RefreshTokenStore(database: database, lifetimeSeconds: config.refreshTokenTTL),
            loginFailures: LoginFailureStore(database: database, policy: config.loginThrottle),
            keyRing: keyRing,
            issuer: TokenIssuer(keys: keyRing, issuer: environment.auth.issuer, audience: environment.auth.audience,
                                lifetimeSeconds: config.accessTokenTTL),
            hasher: hasher, dummyHash: Task { try await hasher.hash(AdminSeeder.generatePassword()) },
            clients: ServiceClientRegistry(config.clients), config: config)
        // Identity checks its own tokens straight from the key ring, no HTTP round trip.
        let keySource = StaticKeySource {
            Dictionary(try await keyRing.publishedKeys().map { ($0.kid, $0.key) }, uniquingKeysWith: { first, _ in first })
        }
        let verifier = AccessTokenVerifier(keys: keySource, auth: environment.auth)
        let keysLoaded = ReadinessFlag()
        var built = try PlatformApplication.build(
            environment: environment, verifier: verifier,
            extraChecks: [keysLoaded.check(name: "signing-key", message: "signing key not loaded yet")],
            services: try EventPublishing.services(environment: environment)
        ) { router in
            JWKSRoute(keyRing: keyRing).add(to: router)
            AuthRoutes(components: components).add(to: router)
            let users = router.group("api/v1/users")
            ProfileRoutes(components: components).add(to: users)
            AdminUserRoutes(components: components).add(to: users)
            OAuthTokenRoute(components: components).add(to: router)
            OutboxAuditRoute(database: environment.database, audience: environment.auth.serviceAudience ?? definition.name).add(to: router)
        }
        let logger = environment.logger
        let seeder = AdminSeeder(users: users, hasher: hasher, config: AdminSeedConfig(reader: environment.config), logger: logger)
        // Runs after the migrations (closures run in the order they were added).
        built.app.beforeServerStarts {
            if let kid = try await keyStore.ensureKey() { logger.notice("signing key created", metadata: ["kid": "\(kid)"]) }
            await keyRing.invalidate()
            _ = try await keyRing.signingKey()
            keysLoaded.set()
            try await seeder.seed()
            logger.info("identity ready", metadata: ["service_clients": "\(components.clients.count)"])
        }
        return (built.app, built.readiness, [])
    }

    /// Runs a maintenance command named by `arguments` (`identity rotate-signing-key`);
    /// false when the arguments name no command, so the caller starts the service instead.
    public static func runCommand(arguments: [String]) async throws -> Bool {
        guard arguments.dropFirst().first == "rotate-signing-key" else { return false }
        let config = try await ConfigReader.mercato(arguments: arguments)
        let logger = Logger(label: "identity")
        let kid = try await SigningKeyRotation.rotate(config: config, logger: logger)
        print("new active signing key: \(kid)")
        return true
    }
}
