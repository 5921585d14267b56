import NIOCore
import NIOHTTP1

/// A downstream's answer with its body read in full (so timeouts and retries cover the body too).
public struct ResilientResponse: Sendable {
    /// HTTP status.
    public var status: HTTPResponseStatus
    /// Response headers.
    public var headers: HTTPHeaders
    /// The body.
    public var body: ByteBuffer
    /// Attempts it took, 1 when no retry was needed.
    public var attempts: Int
}
