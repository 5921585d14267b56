/// AMQP 0-9-1 client on SwiftNIO (being written).
public enum AMQPProtocol {
    /// The protocol header a client sends first.
    public static let header: [UInt8] = [0x41, 0x4D, 0x51, 0x50, 0, 0, 9, 1]
}
