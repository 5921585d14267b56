import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Asks the database server directly, outside the pool, whether it answers: one new connection, `SELECT 1`, close.
/// Bounded by `timeout` with an event-loop timer, so a server that accepts but never answers cannot hold the caller.
struct ServerProbe: Sendable {
    let configuration: PostgresConnection.Configuration
    let timeout: TimeAmount
    let logger: Logger

    /// A probe of the server `config` names.
    init(config: PostgresConfig, logger: Logger) {
        var configuration = if let socket = config.socket {
            PostgresConnection.Configuration(unixSocketPath: socket, username: config.user, password: config.password,
                                             database: config.database)
        } else {
            PostgresConnection.Configuration(host: config.host, port: config.port, username: config.user, password: config.password,
                                             database: config.database, tls: .disable)
        }
        configuration.options.connectTimeout = .milliseconds(Int64(config.connectTimeout * 1000))
        self.configuration = configuration
        self.timeout = .milliseconds(Int64(max(config.leaseTimeout, 1) * 1000))
        self.logger = logger
    }

    /// Whether the server answered in time.
    func answers() async -> Bool {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let answered = loop.makePromise(of: Bool.self)
        let timer = loop.scheduleTask(in: timeout) { answered.succeed(false) }
        PostgresConnection.connect(on: loop, configuration: configuration, id: 0, logger: logger).whenComplete { result in
            guard case .success(let connection) = result else { return answered.succeed(false) }
            connection.query("SELECT 1", logger: logger).whenComplete { query in
                if case .success = query { answered.succeed(true) } else { answered.succeed(false) }
                let closing: EventLoopFuture<Void> = connection.close()
                _ = closing
            }
        }
        let result = (try? await answered.futureResult.get()) ?? false
        timer.cancel()
        return result
    }
}
