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

    @Test func databasePoolIsFixedSizeWithoutPingsUnlessConfigured() async throws {
        let defaults = PostgresConfig(reader: try await ConfigReader.mercato(arguments: ["catalog"], environment: [:]),
                                      serviceName: "catalog").clientConfiguration.options
        #expect(defaults.maximumConnections == 6)
        #expect(defaults.minimumConnections == 6)
        #expect(defaults.keepAliveBehavior == nil)

        let reader = try await ConfigReader.mercato(
            arguments: ["catalog"],
            environment: ["MERCATO_POSTGRES_POOL_SIZE": "8", "MERCATO_POSTGRES_MIN_CONNECTIONS": "12", "MERCATO_POSTGRES_KEEP_ALIVE": "30"])
        let options = PostgresConfig(reader: reader, serviceName: "catalog").clientConfiguration.options
        #expect(options.maximumConnections == 8)
        #expect(options.minimumConnections == 8, "the minimum is capped at the pool size")
        #expect(options.keepAliveBehavior?.frequency == .seconds(30))

        let shrinking = try await ConfigReader.mercato(arguments: ["catalog"], environment: ["MERCATO_POSTGRES_MIN_CONNECTIONS": "1"])
        #expect(PostgresConfig(reader: shrinking, serviceName: "catalog").clientConfiguration.options.minimumConnections == 1)
    }

    @Test func secretsAreRecognized() {
        #expect(MercatoSecrets.isSecret("postgres.password"))
        #expect(MercatoSecrets.isSecret("MERCATO_IDENTITY_KEY_ENCRYPTION_KEY"))
        #expect(MercatoSecrets.isSecret("identity.clients.secret"))
        #expect(!MercatoSecrets.isSecret("http.port"))
    }
}
