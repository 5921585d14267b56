import Foundation

/// What a supervisor keeps about one service's restarts (in the stack's run directory, for `mercato status`): how
/// many, how the service last exited and when it was last started again.
public struct RestartRecord: Sendable, Equatable, Codable {
    /// Restarts since the stack was started.
    public var restarts: Int
    /// How the service last exited; nil before any exit, or when it was not the supervisor's child (status unknown).
    public var lastExit: TerminationStatus?
    /// When it last exited.
    public var lastExitAt: Date?
    /// When it was last started again.
    public var lastRestartAt: Date?

    /// A record of no restarts.
    public init(restarts: Int = 0, lastExit: TerminationStatus? = nil, lastExitAt: Date? = nil, lastRestartAt: Date? = nil) {
        self.restarts = restarts
        self.lastExit = lastExit
        self.lastExitAt = lastExitAt
        self.lastRestartAt = lastRestartAt
    }

    /// Notes an exit the supervisor did not ask for, with its status when known.
    public mutating func noteExit(_ status: TerminationStatus?, at time: Date) {
        lastExit = status
        lastExitAt = time
    }

    /// Notes a restart.
    public mutating func noteRestart(at time: Date) {
        restarts += 1
        lastRestartAt = time
    }

    /// The record as the JSON the run directory holds (sorted keys, ISO 8601 times).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a record written by `encoded()`.
    public static func decoded(from data: Data) throws -> RestartRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(RestartRecord.self, from: data)
    }
}
