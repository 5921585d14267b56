import AsyncHTTPClient
import Foundation

/// A load customer's logged-in session: hands out its access token and renews it through identity's
/// `POST /api/v1/auth/refresh` before it expires, so a run may last longer than one access token.
///
/// Refresh tokens rotate on every use and presenting a rotated one revokes the whole family, so one renewal at a
/// time runs per session: shoppers sharing the customer wait for it and get the new token.
actor CustomerSession {
    /// The tokens of one login or refresh.
    struct Tokens: Sendable {
        var access: String
        var refresh: String
        /// When the access token stops being accepted.
        var expires: ContinuousClock.Instant
        /// How long the access token was issued for.
        var lifetime: Duration

        /// When to renew: a tenth of the lifetime (at most 60 s) before expiry, so a request sent just before
        /// renewal still arrives with a valid token.
        var renewAt: ContinuousClock.Instant { expires - min(.seconds(60), lifetime / 10) }

        /// Reads `access_token`, `refresh_token` and `expires_in` of a login or refresh reply received at `now`.
        init?(reply: [String: Any], receivedAt now: ContinuousClock.Instant) {
            guard let access = reply["access_token"] as? String, let refresh = reply["refresh_token"] as? String,
                  let seconds = reply["expires_in"] as? Int, seconds > 0 else { return nil }
            self.access = access
            self.refresh = refresh
            lifetime = .seconds(seconds)
            expires = now + lifetime
        }
    }

    private let identity: APIClient
    private var tokens: Tokens
    private var renewal: Task<Void, Never>?
    /// No renewal is tried before this (one second after a failed one, so a failing identity is not hammered).
    private var nextAttempt = ContinuousClock.now

    /// A session starting from a login's `tokens`, renewed through `identity`.
    init(tokens: Tokens, identity: APIClient) {
        self.tokens = tokens
        self.identity = identity
    }

    /// The access token to send now, renewed first when it is due.
    func bearer() async -> String {
        let now = ContinuousClock.now
        if renewal == nil, now >= tokens.renewAt, now >= nextAttempt {
            let refresh = tokens.refresh
            renewal = Task { await self.renew(presenting: refresh) }
        }
        await renewal?.value
        return tokens.access
    }

    /// Presents `refreshToken` once; on failure the old access token stays in use until it expires (the next
    /// request after a second tries again).
    private func renew(presenting refreshToken: String) async {
        defer { renewal = nil }
        let reply = try? await identity.send(.POST, "/api/v1/auth/refresh", json: ["refresh_token": refreshToken])
        guard let reply, reply.status == 200, let renewed = Tokens(reply: reply.object, receivedAt: .now) else {
            nextAttempt = .now + .seconds(1)
            return
        }
        tokens = renewed
    }
}
