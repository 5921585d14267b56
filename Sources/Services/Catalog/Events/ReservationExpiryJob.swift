import Logging
import MercatoCore
import Metrics
import ServiceLifecycle

/// Gives back lapsed stock holds every `catalog.reservationSweepInterval`: a `Service` run once per process,
/// safe with several replicas (`ReservationExpiry` skips rows another sweep or an order event holds).
/// Database failures are logged and retried at the next tick; they never end the service.
public struct ReservationExpiryJob: Service {
    private let database: Database
    private let config: CatalogConfig
    private let logger: Logger
    private let expired = Counter(label: "catalog_reservations_expired_total")

    /// A job over `database` with the periods and batch size of `config`.
    public init(database: Database, config: CatalogConfig, logger: Logger) {
        self.database = database
        self.config = config
        self.logger = logger
    }

    /// Sweeps until graceful shutdown; a batch in progress is finished first.
    public func run() async throws {
        // The reservations table comes with the migrations, which run alongside this service.
        do { try await cancelWhenGracefulShutdown { try await database.waitForTable("reservations") } } catch { return }
        await PeriodicSweep.run(every: config.reservationSweepInterval, logger: logger,
                                failure: "reservation expiry sweep failed; retrying") { _ = try await sweep() }
    }

    /// Expires every held reservation past its expiry, a batch per transaction; returns how many expired.
    @discardableResult
    public func sweep() async throws -> Int {
        var total = 0
        while !Task.isShuttingDownGracefully {
            let batch = config.reservationSweepBatch
            let count = try await database.withTransaction { connection in
                try await ReservationExpiry.expireBatch(limit: batch, on: connection)
            }
            total += count
            expired.increment(by: count)
            if count < batch { break }
        }
        if total > 0 { logger.info("reservations expired", metadata: ["count": "\(total)"]) }
        return total
    }
}
