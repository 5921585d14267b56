import Foundation
import Logging
import MercatoCore
import ServiceLifecycle

/// Feeds the stream hub from `NOTIFY notifications_created`: one LISTEN connection per process, so a
/// notification created on any replica reaches its user's streams on every replica. A `Service`; on graceful
/// shutdown it stops listening and ends every open stream.
public struct NotificationStreamListener: Service {
    private let database: Database
    private let hub: NotificationHub
    private let store: NotificationStore
    private let logger: Logger

    init(database: Database, hub: NotificationHub, logger: Logger) {
        self.database = database
        self.hub = hub
        self.store = NotificationStore(database: database)
        self.logger = logger
    }

    /// Listens until graceful shutdown, then ends every open stream.
    public func run() async throws {
        let listener = ChannelListener(database: database, channel: NotificationSignals.created, logger: logger)
        await withTaskCancellationHandler {
            await cancelWhenGracefulShutdown {
                await listener.run { payload in await deliver(payload: payload) }
            }
        } onCancel: {
            hub.close()
        }
        hub.close()
    }

    /// Loads the notification a `<id> <user id>` payload names and hands it to the hub, when its user has a stream here.
    func deliver(payload: String) async {
        let parts = payload.split(separator: " ")
        guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let userID = UUID(uuidString: String(parts[1])) else {
            logger.warning("ignoring malformed notification signal", metadata: ["payload": "\(payload.prefix(100))"])
            return
        }
        guard hub.hasSubscribers(userID) else { return }
        do {
            if let record = try await store.find(id, of: userID) { hub.publish(record, to: userID) }
        } catch {
            logger.warning("cannot load a new notification for its streams", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
