import Configuration
import Logging
import MercatoCore

/// Builds a `ServiceEnvironment` for tests: a real database, in-memory configuration, no process-wide bootstrapping.
public enum TestEnvironment {
    /// An environment for `definition` on `postgres`, with extra configuration `values` (e.g. `"identity.keyEncryptionKey": "…"`).
    public static func make(
        definition: ServiceDefinition,
        postgres: PostgresConfig,
        auth: AuthConfig = AuthConfig(),
        values: [AbsoluteConfigKey: ConfigValue] = [:],
        bodyLimit: Int = 1 << 20
    ) -> ServiceEnvironment {
        var logger = Logger(label: "test.\(definition.name)")
        logger.logLevel = .warning
        return ServiceEnvironment(
            definition: definition,
            config: ConfigReader(provider: InMemoryProvider(values: values)),
            logger: logger,
            http: HTTPServerConfig(port: 0, bodyLimit: bodyLimit),
            auth: auth,
            database: Database(config: postgres, logger: logger),
            metrics: MetricsRegistry(bootstrapSystem: false))
    }
}
