/// One invariant's verdict: its name, what it claims, and the ids that break it (empty when it holds).
public struct InvariantResult: Sendable, Equatable, Codable {
    /// Short stable name, e.g. `stock-conserved`.
    public var name: String
    /// What must be true, in a sentence.
    public var claim: String
    /// How many records were examined.
    public var examined: Int
    /// One line per offending record (an id and what is wrong with it).
    public var offenders: [String]

    /// A verdict.
    public init(name: String, claim: String, examined: Int, offenders: [String]) {
        self.name = name
        self.claim = claim
        self.examined = examined
        self.offenders = offenders
    }

    /// Whether the invariant holds.
    public var passed: Bool { offenders.isEmpty }
}
