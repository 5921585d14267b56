import SMTP

/// What happens to an email after a failed attempt: try again after a delay, or give up.
enum EmailAttemptOutcome: Sendable, Equatable {
    /// Schedule attempt number `attempts + 1` after `delay`.
    case retry(after: Duration)
    /// Mark the email `failed`.
    case giveUp

    /// The outcome after attempt number `attempt` (1-based) failed: permanent SMTP failures (5xx, invalid
    /// message) give up at once; transient ones retry with `policy`'s exponential backoff until
    /// `policy.maximumAttempts` attempts were made.
    static func after(attempt: Int, transient: Bool, policy: SMTPRetryPolicy) -> EmailAttemptOutcome {
        guard transient, attempt < policy.maximumAttempts else { return .giveUp }
        return .retry(after: policy.delayCeiling(afterAttempt: attempt))
    }
}

/// The reason recorded in `last_error`: the SMTP server's reply when there was one, else the kind of
/// failure in words; never hosts, ports or stack details.
enum DeliveryFailureReason {
    /// A client-safe description of `error`.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? SMTPError else { return "delivery failed" }
        if let code = error.replyCode {
            let text = (error.replyText ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
            return String("\(code) \(text)".trimmingCharacters(in: .whitespaces).prefix(500))
        }
        switch error.code {
        case .connectionFailed: return "SMTP server unreachable"
        case .connectionClosed: return "SMTP server closed the connection"
        case .timeout: return "SMTP server did not answer in time"
        case .tlsFailed: return "TLS handshake with the SMTP server failed"
        case .startTLSUnavailable: return "SMTP server does not offer STARTTLS"
        case .authenticationUnavailable: return "SMTP authentication unavailable"
        case .invalidMessage: return "message cannot be sent as built (invalid address or header)"
        case .messageTooLarge: return "message exceeds the SMTP server's size limit"
        default: return "SMTP \(error.code)"
        }
    }
}
