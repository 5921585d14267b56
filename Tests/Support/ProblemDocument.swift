import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// An RFC 9457 problem document as a client decodes it.
public struct ProblemDocument: Decodable, Sendable {
    /// One entry of a validation problem's `errors`.
    public struct Field: Decodable, Sendable {
        public var field: String
        public var message: String
    }

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    public var errors: [Field]?

    /// Checks that an answer (`status`, `contentType`, `body`) is a problem with `expected` status that reveals no
    /// internals (no PostgreSQL names or SQLSTATEs), recording an issue for each failure; the problem when it decodes.
    @discardableResult
    public static func check(_ expected: HTTPResponse.Status, status: HTTPResponse.Status, contentType: String?, body: String,
                             sourceLocation: SourceLocation = #_sourceLocation) -> ProblemDocument? {
        #expect(status == expected, "\(body)", sourceLocation: sourceLocation)
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        #expect(mediaType == "application/problem+json", sourceLocation: sourceLocation)
        let text = body.lowercased()
        #expect(!text.contains("psql") && !text.contains("postgres") && !text.contains("sqlstate"), "\(body)",
                sourceLocation: sourceLocation)
        do {
            let problem = try JSONDecoder().decode(ProblemDocument.self, from: Data(body.utf8))
            #expect(problem.status == Int(expected.code), sourceLocation: sourceLocation)
            return problem
        } catch {
            Issue.record("not a problem document (\(error)): \(body)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

extension TestResponse {
    /// The body decoded as `type` (ISO-8601 dates).
    public func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(body.readableBytesView))
    }

    /// Asserts an RFC 9457 problem with `status` that reveals no internals, and returns it.
    @discardableResult
    public func expectProblem(_ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProblemDocument {
        try #require(ProblemDocument.check(status, status: self.status, contentType: headers[.contentType], body: String(buffer: body),
                                           sourceLocation: sourceLocation), sourceLocation: sourceLocation)
    }
}
