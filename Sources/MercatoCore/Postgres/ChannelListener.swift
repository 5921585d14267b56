import Logging
import PostgresNIO

/// Holds one PostgreSQL `LISTEN` connection open on a channel, reconnecting after a second when it drops,
/// and hands every notification's payload to a callback. Returns when its task is cancelled.
public struct ChannelListener: Sendable {
    let database: Database
    let channel: String
    let logger: Logger

    /// A listener on `channel` of `database`, logging lost connections to `logger`.
    public init(database: Database, channel: String, logger: Logger) {
        self.database = database
        self.channel = channel
        self.logger = logger
    }

    /// Listens until cancelled; `onNotification` runs for each payload, in order, on the listening task.
    /// `onListening` runs each time `LISTEN` has taken effect (first and after every reconnect), `onLost` each time the
    /// connection ends: notifications sent in between are never delivered, so a listener that mirrors state resyncs
    /// in `onListening`.
    public func run(onListening: @escaping @Sendable () async -> Void = {}, onLost: @escaping @Sendable () async -> Void = {},
                    _ onNotification: @escaping @Sendable (String) async -> Void) async {
        while !Task.isCancelled {
            do {
                try await database.withConnection(holdingIndefinitely: true) { connection in
                    try await connection.connection.listen(on: channel) { notifications in
                        await onListening()
                        for try await notification in notifications { await onNotification(notification.payload) }
                    }
                }
            } catch {
                if !Task.isCancelled {
                    logger.warning("LISTEN connection lost; reconnecting", metadata: ["channel": "\(channel)", "error": "\(String(reflecting: error))"])
                }
            }
            await onLost()
            if Task.isCancelled { return }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
