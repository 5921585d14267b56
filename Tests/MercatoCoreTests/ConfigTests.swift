import Configuration
import Foundation
import MercatoCore
import Testing

/// Configuration precedence: command line > environment (MERCATO_*) > YAML file > defaults; secrets marked.
@Suite struct ConfigTests {
    @Test func commandLineBeatsEnvironmentBeatsFileBeatsDefaults() async throws {
        let file = NSTemporaryDirectory() + "mercato-config-\(UUID().uuidString).yaml"
        try """
        http:
          port: 7000
          host: 0.0.0.0
          bodyLimit: 2048
        postgres:
          database: fromfile
        """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let reader = try await ConfigReader.mercato(
            arguments: ["identity", "--config", file, "--http-port", "9000"],
            environment: ["MERCATO_HTTP_PORT": "8000", "MERCATO_HTTP_HOST": "10.0.0.1", "MERCATO_POSTGRES_PASSWORD": "pw"])
        let http = HTTPServerConfig(reader: reader, defaultPort: 1)
        #expect(http.port == 9000)
        #expect(http.host == "10.0.0.1")
        #expect(http.bodyLimit == 2048)
        #expect(http.drainDelay == 0.5)
        let postgres = PostgresConfig(reader: reader, serviceName: "identity")
        #expect(postgres.database == "fromfile")
        #expect(postgres.user == "identity")
        #expect(postgres.password == "pw")
    }

    @Test func defaultsApplyWithNothingSet() async throws {
        let reader = try await ConfigReader.mercato(arguments: ["catalog"], environment: [:])
        #expect(HTTPServerConfig(reader: reader, defaultPort: 8082).port == 8082)
        #expect(AuthConfig(reader: reader).audience == "mercato")
        #expect(AuthConfig(reader: reader, serviceName: "catalog").serviceAudience == "catalog")
        #expect(LoggingConfig(reader: reader).level == .info)
    }

    @Test func databasePoolKeepsOneConnectionWithoutPingsAndBoundsEveryWaitUnlessConfigured() async throws {
        let config = PostgresConfig(reader: try await ConfigReader.mercato(arguments: ["catalog"], environment: [:]), serviceName: "catalog")
        let defaults = config.clientConfiguration.options
        #expect(defaults.maximumConnections == 6)
        #expect(defaults.minimumConnections == 1)
        #expect(defaults.keepAliveBehavior == nil)
        #expect(config.leaseTimeout == 1 && config.holdTimeout == 15)
        #expect(defaults.additionalStartupParameters.contains { $0.0 == "idle_in_transaction_session_timeout" && $0.1 == "10000" })

        let reader = try await ConfigReader.mercato(
            arguments: ["catalog"],
            environment: ["MERCATO_POSTGRES_POOL_SIZE": "8", "MERCATO_POSTGRES_MIN_CONNECTIONS": "12", "MERCATO_POSTGRES_KEEP_ALIVE": "30",
                          "MERCATO_POSTGRES_LEASE_TIMEOUT": "2.5", "MERCATO_POSTGRES_HOLD_TIMEOUT": "30"])
        let configured = PostgresConfig(reader: reader, serviceName: "catalog")
        let options = configured.clientConfiguration.options
        #expect(options.maximumConnections == 8)
        #expect(options.minimumConnections == 1, "more than one persistent connection traps postgres-nio 1.33.2 after an outage")
        #expect(options.keepAliveBehavior?.frequency == .seconds(30))
        #expect(configured.leaseTimeout == 2.5 && configured.holdTimeout == 30)

        let none = try await ConfigReader.mercato(arguments: ["catalog"], environment: ["MERCATO_POSTGRES_MIN_CONNECTIONS": "0"])
        #expect(PostgresConfig(reader: none, serviceName: "catalog").clientConfiguration.options.minimumConnections == 0)
    }

    @Test func secretsAreRecognized() {
        #expect(MercatoSecrets.isSecret("postgres.password"))
        #expect(MercatoSecrets.isSecret("MERCATO_IDENTITY_KEY_ENCRYPTION_KEY"))
        #expect(MercatoSecrets.isSecret("identity.clients.secret"))
        #expect(!MercatoSecrets.isSecret("http.port"))
    }
}
