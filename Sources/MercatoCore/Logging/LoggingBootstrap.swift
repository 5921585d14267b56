import Configuration
import Foundation
import Logging

/// Logging settings of a process.
///
/// Keys (under `log.`): `level` (trace…critical, default `info`), `format` (`json` or `text`;
/// default `text` when stdout is a terminal, else `json`; `MERCATO_LOG_FORMAT=text` forces text),
/// `requests` (bool, default true: one access-log line per request).
public struct LoggingConfig: Sendable {
    /// Minimum level written.
    public var level: Logger.Level
    /// Line format.
    public var format: LogFormat
    /// Whether every request gets an access-log line.
    public var requests: Bool

    /// Reads the settings.
    public init(reader: ConfigReader) {
        let log = reader.scoped(to: "log")
        self.level = Logger.Level(rawValue: log.string(forKey: "level", default: "info")) ?? .info
        let tty = isatty(1) == 1
        self.format = LogFormat(rawValue: log.string(forKey: "format", default: tty ? "text" : "json")) ?? .json
        self.requests = log.bool(forKey: "requests", default: true)
    }
}

/// Installs Mercato's log handler for the process (once).
public enum LoggingBootstrap {
    /// Bootstraps swift-log with `LogLineHandler` for `service`; trace and span ids come from `metadataProvider`.
    public static func bootstrap(service: String, config: LoggingConfig, metadataProvider: Logger.MetadataProvider?) {
        LoggingSystem.bootstrap({ _, provider in
            LogLineHandler(service: service, format: config.format, level: config.level, metadataProvider: provider)
        }, metadataProvider: metadataProvider)
    }
}
