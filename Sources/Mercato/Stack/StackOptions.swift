import ArgumentParser
import Configuration
import Foundation
import MercatoCore

/// Options every stack command shares; each is also settable as `MERCATO_*` or in the YAML file.
struct StackOptions: ParsableArguments {
    @Option(help: "Data directory for databases, logs and secrets (MERCATO_DATA_DIR; default .mercato).")
    var dataDir: String?

    @Option(help: "PostgreSQL port (MERCATO_POSTGRES_PORT; default 15432).")
    var postgresPort: Int?

    @Option(help: "identity HTTP port (MERCATO_SERVICES_IDENTITY_PORT; default 8081).")
    var identityPort: Int?

    @Option(help: "catalog HTTP port (MERCATO_SERVICES_CATALOG_PORT; default 8082).")
    var catalogPort: Int?

    @Option(help: "orders HTTP port (MERCATO_SERVICES_ORDERS_PORT; default 8084).")
    var ordersPort: Int?

    @Option(help: "payments HTTP port (MERCATO_SERVICES_PAYMENTS_PORT; default 8085).")
    var paymentsPort: Int?

    @Option(help: "notifications HTTP port (MERCATO_SERVICES_NOTIFICATIONS_PORT; default 8086).")
    var notificationsPort: Int?

    @Option(help: "RabbitMQ AMQP port; the node also uses the next four (MERCATO_RABBITMQ_PORT; default 35672).")
    var rabbitmqPort: Int?

    @Option(help: "Local SMTP sink port (MERCATO_MAIL_SINK_PORT; default 2525).")
    var mailSinkPort: Int?

    @Option(help: "YAML configuration file (MERCATO_CONFIG_FILE).")
    var config: String?

    /// These options as arguments again, for a `mercato` child that must see the same stack (`mercato supervise`); it
    /// inherits the environment and working directory, so it reads the same settings.
    var arguments: [String] {
        let given: [(String, String?)] = [
            ("--data-dir", dataDir), ("--postgres-port", postgresPort.map(String.init)),
            ("--identity-port", identityPort.map(String.init)), ("--catalog-port", catalogPort.map(String.init)),
            ("--orders-port", ordersPort.map(String.init)), ("--payments-port", paymentsPort.map(String.init)),
            ("--notifications-port", notificationsPort.map(String.init)), ("--rabbitmq-port", rabbitmqPort.map(String.init)),
            ("--mail-sink-port", mailSinkPort.map(String.init)), ("--config", config),
        ]
        return given.flatMap { option, value in value.map { [option, $0] } ?? [] }
    }

    /// Reads the stack settings: these options > environment > YAML file > defaults.
    func stackConfig() async throws -> StackConfig {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        if let dataDir { values["dataDir"] = .init(.string(dataDir), isSecret: false) }
        if let postgresPort { values["postgres.port"] = .init(.int(postgresPort), isSecret: false) }
        if let identityPort { values["services.identity.port"] = .init(.int(identityPort), isSecret: false) }
        if let catalogPort { values["services.catalog.port"] = .init(.int(catalogPort), isSecret: false) }
        if let ordersPort { values["services.orders.port"] = .init(.int(ordersPort), isSecret: false) }
        if let paymentsPort { values["services.payments.port"] = .init(.int(paymentsPort), isSecret: false) }
        if let notificationsPort { values["services.notifications.port"] = .init(.int(notificationsPort), isSecret: false) }
        if let rabbitmqPort { values["rabbitmq.port"] = .init(.int(rabbitmqPort), isSecret: false) }
        if let mailSinkPort { values["mailSink.port"] = .init(.int(mailSinkPort), isSecret: false) }
        let environment = ProcessInfo.processInfo.environment
        let fileArguments = config.map { ["mercato", "--config", $0] } ?? []
        let reader = try await ConfigReader.mercato(arguments: fileArguments, environment: environment, overrides: values)
        return try StackConfig(reader: reader)
    }
}
