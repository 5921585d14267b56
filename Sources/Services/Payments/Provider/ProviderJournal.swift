import Contracts
import Foundation

/// The test provider's charges and refunds on disk, one JSON object a line, appended as they are recorded and read
/// back at start (blank lines and a torn line are skipped): a payments restart no longer makes the provider forget a charge it must later refund (a real PSP
/// keeps them on its side). A line reaches the file before the call returns (the kernel's page cache: it survives the
/// process, not a power cut — no fsync).
public struct ProviderJournal: Sendable {
    /// One recorded fact.
    enum Entry: Codable, Equatable {
        /// A charge answered under `key` for `token`.
        case charge(key: String, token: String, reference: String, amount: EventMoney, failure: PaymentFailureCode?, message: String?)
        /// A refund answered under `key`.
        case refund(key: String, reference: String, chargeReference: String, amount: EventMoney)
    }

    /// The file.
    public let path: String

    /// A journal in the file at `path` (created with its directory on first write).
    public init(path: String) { self.path = path }

    /// Every entry in the file, in order; none when it does not exist yet.
    func read() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Entry.self, from: Data($0)) }
    }

    /// Appends `entry` as one line.
    func append(_ entry: Entry) throws {
        // The newline goes first: after a torn line (a crash mid-write) the next entry still starts a line of its own.
        var line = Data([UInt8(ascii: "\n")])
        line.append(try JSONEncoder().encode(entry))
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ProviderError(.transient, "The provider's journal cannot be opened.") }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else { throw ProviderError(.transient, "The provider's journal cannot be written.") }
    }
}
