import Contracts
import Foundation
import Testing
@testable import PaymentsService

/// Tier: unit, with a file. The test provider's journal: a provider started again on the same file knows every charge
/// and refund the previous one answered, so a refund after a payments restart succeeds.
@Suite struct ProviderJournalTests {
    let amount = EventMoney(amount: 2_500, currency: "EUR")

    func temporaryJournal() -> ProviderJournal {
        ProviderJournal(path: FileManager.default.temporaryDirectory.path + "/mercato-psp-\(UUID().uuidString)/journal.jsonl")
    }

    @Test func aRestartedProviderRefundsAChargeMadeBeforeTheRestart() async throws {
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: (journal.path as NSString).deletingLastPathComponent) }
        let before = try TestPaymentProvider(journal: journal)
        let charge = try await before.charge(idempotencyKey: "order-1", amount: amount, token: "tok_visa")
        let declined = try await before.charge(idempotencyKey: "order-2", amount: amount, token: "tok_declined")
        let partial = try await before.refund(idempotencyKey: "refund-1", chargeReference: charge.reference,
                                              amount: EventMoney(amount: 1_000, currency: "EUR"))

        let after = try TestPaymentProvider(journal: journal)
        #expect(try await after.lookup(idempotencyKey: "order-1") == charge)
        #expect(try await after.lookup(idempotencyKey: "order-2") == declined)
        // The same keys answer what was recorded, never a second charge or refund.
        #expect(try await after.charge(idempotencyKey: "order-1", amount: amount, token: "tok_visa") == charge)
        #expect(try await after.refund(idempotencyKey: "refund-1", chargeReference: charge.reference,
                                       amount: EventMoney(amount: 1_000, currency: "EUR")) == partial)
        // What is left of the charge is refundable, and no more.
        _ = try await after.refund(idempotencyKey: "refund-2", chargeReference: charge.reference,
                                   amount: EventMoney(amount: 1_500, currency: "EUR"))
        await #expect(throws: ProviderError.self) {
            try await after.refund(idempotencyKey: "refund-3", chargeReference: charge.reference, amount: EventMoney(amount: 1, currency: "EUR"))
        }
        // A declined charge stays unrefundable after the restart too.
        await #expect(throws: ProviderError.self) {
            try await after.refund(idempotencyKey: "refund-4", chargeReference: declined.reference, amount: amount)
        }
        #expect(try TestPaymentProvider(journal: journal).recordedRefunds.count == 2)
    }

    @Test func aProviderWithoutAJournalForgetsOnRestartWhichIsWhyPaymentsUsesOne() async throws {
        let charge = try await TestPaymentProvider().charge(idempotencyKey: "order-1", amount: amount, token: "tok_visa")
        await #expect(throws: ProviderError.self) {
            try await TestPaymentProvider().refund(idempotencyKey: "r", chargeReference: charge.reference, amount: amount)
        }
    }

    @Test func aTornLastLineFromACrashMidWriteIsSkipped() async throws {
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: (journal.path as NSString).deletingLastPathComponent) }
        let charge = try await TestPaymentProvider(journal: journal).charge(idempotencyKey: "order-1", amount: amount, token: "tok_visa")
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        try handle.seekToEnd()
        // What a crash in the middle of appending leaves: the entry's leading newline and part of it.
        handle.write(Data("\n{\"charge\":{\"key\":\"order-2\",\"tok".utf8))
        try handle.close()
        let after = try TestPaymentProvider(journal: journal)
        #expect(try await after.lookup(idempotencyKey: "order-1") == charge)
        #expect(try await after.lookup(idempotencyKey: "order-2") == nil)
        // What is written after the torn line is read back whole.
        let next = try await after.charge(idempotencyKey: "order-3", amount: amount, token: "tok_visa")
        #expect(try await TestPaymentProvider(journal: journal).lookup(idempotencyKey: "order-3") == next)
    }

    @Test func paymentsReadsTheJournalPathFromConfiguration() async throws {
        #expect(PaymentsConfig().journalPath == nil)
        #expect(try PaymentsConfig().makeTestProvider().recordedCharges.isEmpty)
    }
}
