import Logging
import MercatoCore
import PostgresNIO

/// Holds one PostgreSQL `LISTEN` connection open on a channel, reconnecting after a second when it drops,
/// and hands every notification's payload to a callback. Returns when its task is cancelled.
struct ChannelListener: Sendable {
    let database: Database
    let channel: String
    let logger: Logger

    /// Listens until cancelled; `onNotification` runs for each payload, in order, on the listening task.
    func run(_ onNotification: @escaping @Sendable (String) async -> Void) async {
        while !Task.isCancelled {
            do {
                try await database.client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        for try await notification in notifications { await onNotification(notification.payload) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("LISTEN connection lost; reconnecting", metadata: ["channel": "\(channel)", "error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
