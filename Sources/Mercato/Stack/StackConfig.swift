import Configuration
import Foundation

/// Where the local stack lives and listens.
///
/// Keys: `dataDir` (default `.mercato`), `postgres.port` (default 15432),
/// `services.identity.port` (8081), `services.catalog.port` (8082),
/// `admin.email` (default `admin@mercato.local`), `admin.password` (secret; generated into
/// `<dataDir>/secrets/admin-password` when unset).
struct StackConfig: Sendable {
    /// Absolute data directory.
    var dataDirectory: String
    /// PostgreSQL port.
    var postgresPort: Int
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
        servicePorts = [
            "identity": reader.int(forKey: "services.identity.port", default: 8081),
            "catalog": reader.int(forKey: "services.catalog.port", default: 8082),
        ]
        adminEmail = reader.string(forKey: "admin.email", default: "admin@mercato.local")
        adminPassword = reader.string(forKey: "admin.password", isSecret: true)
    }

    /// Settings given directly (the benchmark's own stack).
    init(dataDirectory: String, postgresPort: Int, identityPort: Int, catalogPort: Int) throws {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
        self.postgresPort = postgresPort
        self.servicePorts = ["identity": identityPort, "catalog": catalogPort]
        self.adminEmail = "admin@mercato.local"
        self.adminPassword = nil
    }

    var secretsDirectory: String { dataDirectory + "/secrets" }
    var logsDirectory: String { dataDirectory + "/logs" }
    var runDirectory: String { dataDirectory + "/run" }
    var postgresDirectory: String { dataDirectory + "/postgres" }

    /// Base URL of a service.
    func url(of service: String) -> String { "http://127.0.0.1:\(servicePorts[service] ?? 0)" }
}
