/// The stored state of one presented refresh token and its family, as the rotation rule sees it.
public struct RefreshTokenState: Sendable, Equatable {
    /// Whether this token was already exchanged for a newer one.
    public var isRotated: Bool
    /// Whether the token itself or its family was revoked (logout, reuse, user deleted).
    public var isRevoked: Bool
    /// Expiry, seconds since the epoch.
    public var expiresAt: Int64
    /// Whether the owning user may still sign in (not disabled, not deleted).
    public var userActive: Bool

    /// A state with every part given.
    public init(isRotated: Bool, isRevoked: Bool, expiresAt: Int64, userActive: Bool) {
        self.isRotated = isRotated
        self.isRevoked = isRevoked
        self.expiresAt = expiresAt
        self.userActive = userActive
    }
}

/// The refresh-token family rules: every use rotates the token; a rotated token presented
/// again means it was stolen (or replayed), so the whole family is revoked.
public enum RefreshTokenFamily {
    /// What to do with a presented token.
    public enum Outcome: Sendable, Equatable {
        /// Valid: mark it rotated and issue a successor in the same family.
        case rotate
        /// Reuse of a rotated token: revoke the family, answer 401.
        case revokeFamily
        /// Unknown, expired, revoked or owned by an inactive user: answer 401, change nothing.
        case reject
    }

    /// The outcome for a token in `state` (nil when no stored token has that hash) at `now`.
    public static func outcome(for state: RefreshTokenState?, now: Int64) -> Outcome {
        guard let state else { return .reject }
        if state.isRevoked { return .reject }
        if state.isRotated { return .revokeFamily }
        if state.expiresAt <= now || !state.userActive { return .reject }
        return .rotate
    }
}
