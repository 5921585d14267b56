import Configuration
import Logging
import MercatoCore
import MercatoTestSupport
import PostgresNIO
import Testing

/// `postgres.socket`: read from configuration and, when set, used instead of host and port.
@Suite struct PostgresSocketTests {
    @Test func socketIsReadFromConfigurationAndEmptyMeansTCP() async throws {
        let set = try await ConfigReader.mercato(arguments: ["catalog"], environment: ["MERCATO_POSTGRES_SOCKET": "/run/pg/.s.PGSQL.5432"])
        let config = PostgresConfig(reader: set, serviceName: "catalog")
        #expect(config.socket == "/run/pg/.s.PGSQL.5432")
        #expect(config.clientConfiguration.unixSocketPath == "/run/pg/.s.PGSQL.5432")
        #expect(config.clientConfiguration.host == nil)

        let empty = try await ConfigReader.mercato(arguments: ["catalog"], environment: ["MERCATO_POSTGRES_SOCKET": ""])
        #expect(PostgresConfig(reader: empty, serviceName: "catalog").socket == nil)
        let unset = PostgresConfig(reader: try await ConfigReader.mercato(arguments: ["catalog"], environment: [:]), serviceName: "catalog")
        #expect(unset.socket == nil)
        #expect(unset.clientConfiguration.host == "127.0.0.1")
        #expect(unset.clientConfiguration.unixSocketPath == nil)
    }

    @Test func statementsRunOverTheServersSocket() async throws {
        let socket = try #require(try await TestPostgres.server().socketPath)
        var config = try await TestPostgres.freshDatabase(prefix: "socket")
        config.socket = socket
        config.host = "192.0.2.1"  // unroutable: only the socket can answer
        let database = Database(config: config, logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.run() }
            // A Unix-domain connection has no server address.
            let rows = try await database.query("SELECT inet_server_addr()::text IS NULL")
            #expect(try rows.first?.decode(Bool.self) == true)
            group.cancelAll()
        }
    }
}
