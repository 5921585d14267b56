/// One input of an `AuditSnapshot`: the value read, or why it could not be read (the service, its database or the
/// broker was away, or did not answer in time). An invariant whose inputs are unknown is UNKNOWN, never PASS.
public enum AuditReading<Value: Sendable>: Sendable {
    /// The input as read.
    case read(Value)
    /// Not read; the text names the input and the reason, e.g. `orders /internal/v1/audit/orders: timed out after 5 s`.
    case unknown(String)

    /// The value, nil when unknown.
    public var value: Value? {
        if case .read(let value) = self { return value }
        return nil
    }

    /// Why it is unknown, nil when read.
    public var missing: String? {
        if case .unknown(let reason) = self { return reason }
        return nil
    }
}

extension AuditReading: Equatable where Value: Equatable {}
