/// An invariant's verdict.
public enum InvariantStatus: String, Sendable, Codable, Equatable {
    /// It holds on everything read.
    case pass
    /// A record read breaks it.
    case fail
    /// Nothing read breaks it, but an input it needs could not be read: it may or may not hold.
    case unknown
}

/// One invariant's verdict: its name, what it claims, the ids that break it, and the inputs it could not read.
/// FAIL when anything read breaks it (even if other inputs are missing), else UNKNOWN when an input is missing, else PASS.
public struct InvariantResult: Sendable, Equatable, Codable {
    /// Short stable name, e.g. `stock-conserved`.
    public var name: String
    /// What must be true, in a sentence.
    public var claim: String
    /// How many records were examined.
    public var examined: Int
    /// One line per offending record (an id and what is wrong with it).
    public var offenders: [String]
    /// One line per input that could not be read (which one, and why).
    public var missing: [String]

    /// A verdict.
    public init(name: String, claim: String, examined: Int, offenders: [String], missing: [String] = []) {
        self.name = name
        self.claim = claim
        self.examined = examined
        self.offenders = offenders
        self.missing = missing
    }

    /// UNKNOWN: nothing could be examined because the inputs in `missing` could not be read.
    public static func unknown(name: String, claim: String, missing: [String]) -> InvariantResult {
        InvariantResult(name: name, claim: claim, examined: 0, offenders: [], missing: missing)
    }

    /// PASS, FAIL or UNKNOWN.
    public var status: InvariantStatus {
        if !offenders.isEmpty { return .fail }
        return missing.isEmpty ? .pass : .unknown
    }

    /// Whether the invariant is known to hold (UNKNOWN is not).
    public var passed: Bool { status == .pass }

    enum CodingKeys: String, CodingKey {
        case name, claim, examined, offenders, missing, status, passed
    }

    /// Decodes a verdict; `status` and `passed` follow from the offenders and the missing inputs.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name), claim: try container.decode(String.self, forKey: .claim),
                  examined: try container.decode(Int.self, forKey: .examined),
                  offenders: try container.decode([String].self, forKey: .offenders),
                  missing: try container.decodeIfPresent([String].self, forKey: .missing) ?? [])
    }

    /// Encodes every field plus `status` (`pass`, `fail` or `unknown`) and `passed` (true only for `pass`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(claim, forKey: .claim)
        try container.encode(examined, forKey: .examined)
        try container.encode(offenders, forKey: .offenders)
        try container.encode(missing, forKey: .missing)
        try container.encode(status, forKey: .status)
        try container.encode(passed, forKey: .passed)
    }
}
