import Configuration
import Logging

/// Everything a service's application is built from: its definition, configuration, logger and database.
public struct ServiceEnvironment: Sendable {
    /// The service.
    public let definition: ServiceDefinition
    /// The configuration reader (command line > environment > file > defaults).
    public let config: ConfigReader
    /// The service's root logger.
    public let logger: Logger
    /// Listener settings.
    public let http: HTTPServerConfig
    /// Token settings.
    public let auth: AuthConfig
    /// The service's database.
    public let database: Database
    /// The metrics registry behind `/metrics`.
    public let metrics: MetricsRegistry

    /// An environment read from `config`. The database pool is created but not yet running.
    public init(definition: ServiceDefinition, config: ConfigReader, logger: Logger, metrics: MetricsRegistry) {
        self.definition = definition
        self.config = config
        self.logger = logger
        self.http = HTTPServerConfig(reader: config, defaultPort: definition.defaultPort)
        self.auth = AuthConfig(reader: config, serviceName: definition.name)
        self.database = Database(config: PostgresConfig(reader: config, serviceName: definition.name), logger: logger)
        self.metrics = metrics
    }

    /// An environment with explicit parts, for tests.
    public init(definition: ServiceDefinition, config: ConfigReader, logger: Logger, http: HTTPServerConfig,
                auth: AuthConfig, database: Database, metrics: MetricsRegistry) {
        self.definition = definition
        self.config = config
        self.logger = logger
        self.http = http
        self.auth = auth
        self.database = database
        self.metrics = metrics
    }
}
