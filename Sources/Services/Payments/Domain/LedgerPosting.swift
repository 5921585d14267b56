import Contracts

/// The ledger's accounts.
///
/// - `psp_receivable` (asset): money the payment provider collected for us and owes us until it settles.
/// - `customer_payments` (liability): what customers paid against their orders, held until the order is fulfilled
///   or refunded.
///
/// A charge debits `psp_receivable` and credits `customer_payments`; a refund reverses it (debits
/// `customer_payments`, credits `psp_receivable`), so a refunded order nets to zero on both accounts.
enum LedgerAccount: String, Sendable, CaseIterable {
    case pspReceivable = "psp_receivable"
    case customerPayments = "customer_payments"
}

/// Which column of an account an entry is written in.
enum LedgerSide: String, Sendable, CaseIterable {
    case debit, credit
}

/// What a ledger transaction records.
enum LedgerKind: String, Sendable, CaseIterable {
    case charge, refund
}

/// One line of a ledger transaction.
struct LedgerEntry: Sendable, Equatable {
    var account: LedgerAccount
    var side: LedgerSide
    /// Minor units, positive.
    var amount: Int
    /// ISO 4217 code.
    var currency: String
}

/// The double-entry postings of charges and refunds (pure; the database checks the balance again at commit).
enum LedgerPosting {
    /// The entries of a `kind` transaction over `amount`.
    static func entries(_ kind: LedgerKind, amount: EventMoney) -> [LedgerEntry] {
        let (debit, credit): (LedgerAccount, LedgerAccount) = switch kind {
        case .charge: (.pspReceivable, .customerPayments)
        case .refund: (.customerPayments, .pspReceivable)
        }
        return [LedgerEntry(account: debit, side: .debit, amount: amount.amount, currency: amount.currency),
                LedgerEntry(account: credit, side: .credit, amount: amount.amount, currency: amount.currency)]
    }

    /// Whether debits equal credits in every currency and there is at least one entry.
    static func isBalanced(_ entries: [LedgerEntry]) -> Bool {
        guard !entries.isEmpty else { return false }
        let sums = Dictionary(grouping: entries, by: \.currency).mapValues { lines in
            lines.reduce(0) { $0 + ($1.side == .debit ? $1.amount : -$1.amount) }
        }
        return sums.values.allSatisfy { $0 == 0 }
    }
}
