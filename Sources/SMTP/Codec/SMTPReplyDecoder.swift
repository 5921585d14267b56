import NIOCore

/// Turns bytes from the server into complete `SMTPReply` values, joining `250-…` continuation lines.
public struct SMTPReplyDecoder: NIOSingleStepByteToMessageDecoder {
    /// The decoded reply.
    public typealias InboundOut = SMTPReply

    /// Longest line accepted; RFC 5321 allows 512 octets, the slack tolerates chatty servers,
    /// the bound stops a broken peer from making us buffer without end.
    static let maximumLineLength = 4096
    /// Most lines in one reply (EHLO answers are the longest, with a dozen or so).
    static let maximumLineCount = 128

    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// A decoder with no partial reply.
    public init() {}

    /// Decodes one reply when a final line (`code SP text`) has arrived.
    public mutating func decode(buffer: inout ByteBuffer) throws -> SMTPReply? {
        while let line = try Self.readLine(from: &buffer) {
            let (code, isLast, text) = try Self.parse(line: line)
            if let pendingCode, pendingCode != code {
                throw SMTPError(code: .protocolViolation, message: "reply lines disagree on the code: \(pendingCode) then \(code)")
            }
            pendingLines.append(text)
            guard pendingLines.count <= Self.maximumLineCount else {
                throw SMTPError(code: .protocolViolation, message: "reply has more than \(Self.maximumLineCount) lines")
            }
            if isLast {
                let reply = SMTPReply(code: code, lines: pendingLines)
                pendingCode = nil
                pendingLines = []
                return reply
            }
            pendingCode = code
        }
        return nil
    }

    /// At end of stream a partial reply is dropped: the session reports the closed connection.
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> SMTPReply? {
        try decode(buffer: &buffer)
    }

    /// Reads up to LF, dropping a CR before it (bare LF is tolerated from lenient servers).
    private static func readLine(from buffer: inout ByteBuffer) throws -> [UInt8]? {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > maximumLineLength {
                throw SMTPError(code: .protocolViolation, message: "reply line longer than \(maximumLineLength) bytes")
            }
            return nil
        }
        let length = newline - view.startIndex
        guard var bytes = buffer.readBytes(length: length + 1) else { return nil }
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count <= maximumLineLength else {
            throw SMTPError(code: .protocolViolation, message: "reply line longer than \(maximumLineLength) bytes")
        }
        return bytes
    }

    /// Splits `ddd[-| ]text`; a line of just the code is a final line with empty text.
    private static func parse(line: [UInt8]) throws -> (code: Int, isLast: Bool, text: String) {
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(digits[digits.startIndex])
        else {
            throw SMTPError(code: .protocolViolation, message: "not a reply line: \(String(decoding: line.prefix(64), as: UTF8.self))")
        }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard line.count > 3 else { return (code, true, "") }
        let separator = line[3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPError(code: .protocolViolation, message: "bad separator after reply code \(code)")
        }
        return (code, separator == UInt8(ascii: " "), String(decoding: line.dropFirst(4), as: UTF8.self))
    }
}
