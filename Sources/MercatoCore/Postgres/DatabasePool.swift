import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The postgres-nio pool behind a `Database`, leased with deadlines and replaced when it stops serving.
///
/// A lease runs in a task of its own and hands the connection to the caller's task, which runs the work on it; the
/// caller waits at most `leaseTimeout` (an event-loop timer, not `Task.sleep`: this runs for every statement) and then
/// walks away, leaving the lease task to give back whatever it gets later. It is a task of its own rather than a child
/// because postgres-nio's lease can miss a cancellation that races its enqueueing, and a child would hold its parent
/// until the pool answered — forever, if it never does. At most `maximumLeaseTasks` run at once; beyond that callers
/// fail at once. Every statement on the connection must answer within `holdTimeout` of the lease (`HoldDeadline`).
/// `supervise()` runs the pool and replaces it when `PoolRecovery` says so and the server answers a direct probe.
final class DatabasePool: Sendable {
    private let configuration: PostgresClient.Configuration
    private let current: Mutex<PostgresClient>
    private let health = PoolHealth()
    private let probe: ServerProbe
    private let logger: Logger
    private let poolSize: Int
    let leaseTimeout: Duration
    let holdTimeout: Duration

    /// Lease tasks allowed at once: callers beyond this fail without queueing (the pool is not answering).
    static let maximumLeaseTasks = 1_000

    init(config: PostgresConfig, logger: Logger) {
        self.configuration = config.clientConfiguration
        self.current = Mutex(PostgresClient(configuration: configuration, backgroundLogger: logger))
        self.probe = ServerProbe(config: config, logger: logger)
        self.logger = logger
        self.poolSize = config.poolSize
        self.leaseTimeout = .milliseconds(Int64(config.leaseTimeout * 1000))
        self.holdTimeout = .milliseconds(Int64(config.holdTimeout * 1000))
    }

    /// The pool in use now.
    var client: PostgresClient { current.withLock { $0 } }

    /// Lends a connection to `body` within the lease deadline, with the hold deadline its statements must keep
    /// (`holdTimeout` nil: none).
    func withConnection<T: Sendable>(holdTimeout: Duration?,
                                     _ body: (PostgresConnection, HoldDeadline?) async throws -> T) async throws -> T {
        guard health.admitLeaseTask(limit: Self.maximumLeaseTasks) else {
            health.leaseFailed()
            throw DatabaseUnavailable(.leaseTimedOut, underlying: "\(Self.maximumLeaseTasks) leases already waiting")
        }
        let client = self.client
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        let leased = loop.makePromise(of: PostgresConnection.self)
        let released = loop.makePromise(of: Void.self)
        Task { [health] in
            defer { health.leaseTaskEnded() }
            do {
                try await client.withConnection { connection in
                    leased.succeed(connection)
                    // Held until the caller is done with it, or gave up waiting before it came.
                    try? await released.futureResult.get()
                }
            } catch {
                leased.fail(error)
            }
        }
        defer { released.succeed(()) }
        let leaseTimer = loop.scheduleTask(in: TimeAmount(leaseTimeout)) { leased.fail(DatabaseUnavailable(.leaseTimedOut)) }
        let connection: PostgresConnection
        do {
            connection = try await withTaskCancellationHandler {
                try await leased.futureResult.get()
            } onCancel: {
                leased.fail(CancellationError())
            }
        } catch is CancellationError {
            leaseTimer.cancel()
            throw CancellationError()
        } catch {
            leaseTimer.cancel()
            health.leaseFailed()
            // Whatever kept the pool from lending a connection (its circuit breaker, a replaced pool) means "not now".
            throw DatabaseUnavailable.classify(error) ?? DatabaseUnavailable(.connectionLost, underlying: String(describing: error))
        }
        leaseTimer.cancel()
        health.leased()
        defer { health.released() }
        let deadline = holdTimeout.map { HoldDeadline(loop: loop, deadline: .now() + TimeAmount($0), connection: connection) }
        return try await body(connection, deadline)
    }

    /// Runs the pool until cancelled or graceful shutdown, replacing it whenever it stopped serving while the server
    /// answers.
    func supervise() async {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let client = self.client
            let replace = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await client.run()
                    return false
                }
                group.addTask { await self.waitUntilStuck() }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            guard replace, !Task.isCancelled else { return }
            // The old pool's run() was cancelled: it closed its connections and failed every lease it had queued.
            current.withLock { $0 = PostgresClient(configuration: configuration, backgroundLogger: logger) }
            health.reset()
            logger.warning("database pool was not serving while the server answers; replaced it with a new pool")
        }
    }

    /// Returns true once the pool is stuck (see `PoolRecovery`) and the server answers; false on cancellation or
    /// graceful shutdown.
    private func waitUntilStuck() async -> Bool {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: .milliseconds(500))
            guard PoolRecovery.shouldProbeServer(health.snapshot, poolSize: poolSize) else { continue }
            if await probe.answers(), PoolRecovery.shouldProbeServer(health.snapshot, poolSize: poolSize) { return true }
        }
        return false
    }
}
