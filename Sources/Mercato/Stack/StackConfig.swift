import Configuration
import Foundation
import LocalCluster

/// Where the local stack lives and listens.
///
/// Keys: `dataDir` (default `.mercato`), `postgres.port` (default 15432),
/// `rabbitmq.port` (default 35672; management UI on +1, Prometheus on +2, Erlang distribution on +3, epmd on +4),
/// `mailSink.port` (default 2525: the local SMTP sink notifications sends to),
/// `services.identity.port` (8081), `services.catalog.port` (8082), `services.orders.port` (8084),
/// `services.payments.port` (8085), `services.notifications.port` (8086),
/// `admin.email` (default `admin@mercato.local`), `admin.password` (secret; generated into
/// `<dataDir>/secrets/admin-password` when unset).
struct StackConfig: Sendable {
    /// Absolute data directory.
    var dataDirectory: String
    /// PostgreSQL port.
    var postgresPort: Int
    /// RabbitMQ's AMQP port; the node's other ports follow it.
    var rabbitMQPort: Int
    /// The local SMTP sink's port.
    var mailSinkPort: Int
    /// Port per service name.
    var servicePorts: [String: Int]
    /// The first admin's email.
    var adminEmail: String
    /// The first admin's password, when configured.
    var adminPassword: String?

    init(reader: ConfigReader) throws {
        let dir = reader.string(forKey: "dataDir", default: ".mercato")
        dataDirectory = URL(fileURLWithPath: dir, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
        postgresPort = reader.int(forKey: "postgres.port", default: 15432)
        rabbitMQPort = reader.int(forKey: "rabbitmq.port", default: 35672)
        mailSinkPort = reader.int(forKey: "mailSink.port", default: 2525)
        servicePorts = [
            "identity": reader.int(forKey: "services.identity.port", default: 8081),
            "catalog": reader.int(forKey: "services.catalog.port", default: 8082),
            "orders": reader.int(forKey: "services.orders.port", default: 8084),
            "payments": reader.int(forKey: "services.payments.port", default: 8085),
            "notifications": reader.int(forKey: "services.notifications.port", default: 8086),
        ]
        adminEmail = reader.string(forKey: "admin.email", default: "admin@mercato.local")
        adminPassword = reader.string(forKey: "admin.password", isSecret: true)
    }

    /// Settings given directly (the benchmark's own stack): orders on `catalogPort + 2`, payments on `+ 3`,
    /// notifications on `+ 4` (`+ 1` is the HTTP benchmark's bare server), RabbitMQ from `catalogPort + 10`, the mail sink on `catalogPort + 20`.
    init(dataDirectory: String, postgresPort: Int, identityPort: Int, catalogPort: Int) throws {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
        self.postgresPort = postgresPort
        self.rabbitMQPort = catalogPort + 10
        self.mailSinkPort = catalogPort + 20
        self.servicePorts = ["identity": identityPort, "catalog": catalogPort, "orders": catalogPort + 2, "payments": catalogPort + 3,
                             "notifications": catalogPort + 4]
        self.adminEmail = "admin@mercato.local"
        self.adminPassword = nil
    }

    var secretsDirectory: String { dataDirectory + "/secrets" }
    var logsDirectory: String { dataDirectory + "/logs" }
    var runDirectory: String { dataDirectory + "/run" }
    var postgresDirectory: String { dataDirectory + "/postgres" }
    var rabbitMQDirectory: String { dataDirectory + "/rabbitmq" }
    var mailDirectory: String { dataDirectory + "/mail" }

    /// The RabbitMQ node's ports.
    var rabbitMQPorts: RabbitMQServer.Ports {
        .init(amqp: rabbitMQPort, management: rabbitMQPort + 1, prometheus: rabbitMQPort + 2, distribution: rabbitMQPort + 3,
              epmd: rabbitMQPort + 4)
    }

    /// Where a component writes its log.
    func logPath(of component: String) -> String {
        switch component {
        case "rabbitmq": rabbitMQDirectory + "/launcher.log"
        case "mail-sink": mailDirectory + "/sink.log"
        default: logsDirectory + "/\(component).log"
        }
    }

    /// Base URL of a service.
    func url(of service: String) -> String { "http://127.0.0.1:\(servicePorts[service] ?? 0)" }
}
