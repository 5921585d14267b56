import Contracts
import Foundation
import Invariants

extension AuditSnapshot {
    /// A snapshot taken at `takenAt` with every part read and empty, for a test to fill in the parts it is about.
    static func empty(takenAt: Date = Date()) -> AuditSnapshot {
        AuditSnapshot(takenAt: takenAt, stock: .read([]), reservations: .read([]), orders: .read([]), payments: .read([]),
                      ledger: .read(LedgerAudit(transactions: 0, unbalanced: [])), outboxes: [:], deadLetters: [:],
                      sentEvents: [:], inboxes: [:], queues: [:])
    }

    /// The verdict of the invariant `name` on this snapshot.
    func verdict(_ name: String) -> InvariantResult? {
        InvariantChecker.evaluate(self, outboxBound: 30, inFlight: 5).first { $0.name == name }
    }
}
