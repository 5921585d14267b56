import Foundation
import HTTPTypes
import Hummingbird
import MercatoCore
import ServiceLifecycle

extension HTTPField.Name {
    /// `Last-Event-ID`, sent by an `EventSource` reconnecting after the last event it saw.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}

/// `GET /api/v1/notifications/stream`: the caller's new in-app notifications as Server-Sent Events.
///
/// Each is `id: <notification id>\nevent: notification\ndata: <json>\n\n`; a `: heartbeat` comment follows
/// every `notifications.streamHeartbeat` seconds. With `Last-Event-ID`, up to `notifications.streamReplayLimit`
/// of the caller's notifications created after that one are sent first. A client that falls
/// `notifications.streamBuffer` notifications behind is disconnected; graceful shutdown ends every stream.
struct StreamRoute: Sendable {
    let hub: NotificationHub
    let store: NotificationStore
    let config: NotificationsConfig

    /// Registers the route.
    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/notifications/stream") { request, context in try await open(request, context: context) }
    }

    /// Checks the caller and `Last-Event-ID` (400 unless a notification id), subscribes, then streams.
    func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userID = try context.requireNotificationUser()
        var lastID: UUID?
        if let raw = request.headers[.lastEventID], !raw.isEmpty {
            guard let id = UUID(uuidString: raw.trimmingCharacters(in: .whitespaces)) else {
                throw Problem.badRequest("Last-Event-ID must be the id of a notification event.")
            }
            lastID = id
        }
        // Subscribe before reading the replay, so nothing created in between is missed (duplicates are skipped).
        let subscription = hub.subscribe(userID)
        var replay: [NotificationRecord] = []
        do {
            if let lastID { replay = try await store.after(lastID, of: userID, limit: config.streamReplayLimit) }
        } catch {
            subscription.finish()
            throw error
        }
        let heartbeat = Duration.milliseconds(Int(config.streamHeartbeat * 1000))
        let replayed = replay
        let body = ResponseBody { writer in
            defer { subscription.finish() }
            try await withGracefulShutdownHandler {
                try await Self.stream(subscription, replay: replayed, heartbeat: heartbeat, to: &writer)
            } onGracefulShutdown: {
                subscription.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// Writes the opening comment, the replay, then live items until the subscription ends or the client goes away.
    static func stream(_ subscription: StreamSubscription, replay: [NotificationRecord], heartbeat: Duration,
                       to writer: inout any ResponseBodyWriter) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while true {
                    try await Task.sleep(for: heartbeat)
                    subscription.continuation.yield(.heartbeat)
                }
            }
            try await writer.write(ByteBuffer(string: "retry: 3000\n" + ServerSentEvent.comment("connected")))
            for record in replay { try await writer.write(ByteBuffer(string: try ServerSentEvent.notification(record))) }
            let replayed = Set(replay.map(\.id))
            for await item in subscription.items {
                switch item {
                case .notification(let record) where !replayed.contains(record.id):
                    try await writer.write(ByteBuffer(string: try ServerSentEvent.notification(record)))
                case .notification:
                    continue
                case .heartbeat:
                    try await writer.write(ByteBuffer(string: ServerSentEvent.comment("heartbeat")))
                }
            }
            group.cancelAll()
        }
    }
}
