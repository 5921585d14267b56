import NIOCore

/// Writes `SMTPCommand`s as bytes onto the wire.
public struct SMTPCommandEncoder: MessageToByteEncoder {
    /// The command to write.
    public typealias OutboundIn = SMTPCommand

    /// An encoder (it has no state).
    public init() {}

    /// Appends the command's bytes to `out`.
    public func encode(data: SMTPCommand, out: inout ByteBuffer) throws {
        data.encode(into: &out)
    }
}
