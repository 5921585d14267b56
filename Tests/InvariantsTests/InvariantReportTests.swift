import Invariants
import Testing

/// The lines `mercato check` prints and the status it exits with.
@Suite struct InvariantReportTests {
    static let pass = InvariantResult(name: "stock-conserved", claim: "adds up", examined: 4, offenders: [])
    static let fail = InvariantResult(name: "no-stuck-sagas", claim: "none stuck", examined: 9, offenders: ["order 1", "order 2", "order 3"])
    static let unknown = InvariantResult.unknown(name: "ledger-balanced", claim: "balances",
                                                 missing: ["payments /internal/v1/audit/ledger: no answer within 5s"])

    @Test func passAndFailLinesKeepTheirShape() {
        #expect(InvariantReport.lines([Self.pass, Self.pass]) == [
            "PASS  stock-conserved  (4 examined)  adds up", "PASS  stock-conserved  (4 examined)  adds up", "all 2 invariants hold",
        ])
        #expect(InvariantReport.lines([Self.pass, Self.fail], limit: 2) == [
            "PASS  stock-conserved  (4 examined)  adds up",
            "FAIL  no-stuck-sagas  (9 examined)  none stuck",
            "        order 1", "        order 2", "        … and 1 more",
            "1 of 2 invariants FAILED",
        ])
    }

    @Test func unknownLinesNameTheMissingInput() {
        #expect(InvariantReport.lines([Self.pass, Self.unknown]) == [
            "PASS  stock-conserved  (4 examined)  adds up",
            "UNKN  ledger-balanced  (0 examined)  balances",
            "        unknown input: payments /internal/v1/audit/ledger: no answer within 5s",
            "1 of 2 invariants UNKNOWN (inputs missing); the other 1 hold",
        ])
        #expect(InvariantReport.lines([Self.fail, Self.unknown]).last == "1 of 2 invariants FAILED, 1 UNKNOWN (inputs missing)")
    }

    @Test func exitStatusIsOneForAnyFailureTwoForUnknownOnly() {
        #expect(InvariantReport.exitStatus([Self.pass]) == 0)
        #expect(InvariantReport.exitStatus([]) == 0)
        #expect(InvariantReport.exitStatus([Self.pass, Self.unknown]) == 2)
        #expect(InvariantReport.exitStatus([Self.unknown, Self.fail]) == 1)
        #expect(InvariantReport.exitStatus([Self.fail]) == 1)
    }
}
