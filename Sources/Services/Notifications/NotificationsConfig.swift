import Configuration

/// The notifications service's own settings (the live stream).
///
/// Keys (under `notifications.`; environment `MERCATO_NOTIFICATIONS_<KEY>` in upper snake case):
/// - `streamHeartbeat` (double seconds, default 15): a comment line is written on every open stream this often.
/// - `streamBuffer` (int, default 64): notifications buffered per open stream; a client that falls this far behind is dropped.
/// - `streamReplayLimit` (int, default 100): at most this many notifications are replayed after `Last-Event-ID`.
public struct NotificationsConfig: Sendable {
    /// Seconds between heartbeats.
    public var streamHeartbeat: Double
    /// Per-stream buffer.
    public var streamBuffer: Int
    /// Replay bound.
    public var streamReplayLimit: Int

    /// Reads the settings from the root reader.
    public init(reader: ConfigReader) {
        let notifications = reader.scoped(to: "notifications")
        streamHeartbeat = max(0.05, notifications.double(forKey: "streamHeartbeat", default: 15))
        streamBuffer = max(1, notifications.int(forKey: "streamBuffer", default: 64))
        streamReplayLimit = min(1000, max(0, notifications.int(forKey: "streamReplayLimit", default: 100)))
    }
}
