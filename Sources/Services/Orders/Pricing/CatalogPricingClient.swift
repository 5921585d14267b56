import AsyncHTTPClient
import Contracts
import Foundation
import HTTPTypes
import MercatoCore
import NIOCore
import Resilience

/// Asks catalog's `POST /internal/v1/pricing/quote` through the resilient client (breaker, retries, deadline,
/// service token). Catalog's 422 field errors pass through as ours; an unreachable catalog, an open breaker or an
/// answer that makes no sense is a 503 with `Retry-After`.
struct CatalogPricingClient: PriceQuoting {
    let client: ResilientHTTPClient
    /// Catalog's base URL.
    let baseURL: String

    func quote(_ request: PriceQuoteRequest) async throws -> PriceQuote {
        var call = HTTPClientRequest(url: baseURL + "/internal/v1/pricing/quote")
        call.method = .POST
        call.headers.add(name: "Content-Type", value: "application/json")
        call.headers.add(name: "Accept", value: "application/json")
        call.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(request)))
        let response: ResilientResponse
        do {
            // Quoting changes nothing, so it may be retried.
            response = try await client.execute(call, options: CallOptions(idempotent: true, maxResponseBytes: 1 << 20))
        } catch let error as ResilienceError {
            throw Self.unavailable(retryAfter: error.retryAfter)
        }
        let body = Data(response.body.readableBytesView)
        switch response.status.code {
        case 200:
            guard let quote = try? JSONDecoder().decode(PriceQuote.self, from: body) else { throw Self.unavailable(retryAfter: nil) }
            return quote
        case 422:
            let problem = try? JSONDecoder().decode(CatalogProblem.self, from: body)
            let errors = (problem?.errors ?? []).filter { $0.field.hasPrefix("items[") }
            guard !errors.isEmpty else { throw Self.unavailable(retryAfter: nil) }
            throw Problem.validation(errors.map { FieldError(field: $0.field, message: $0.message) })
        default:
            throw Self.unavailable(retryAfter: nil)
        }
    }

    /// 503 with `Retry-After` (the breaker's or catalog's wait, at least 1 s).
    static func unavailable(retryAfter: Duration?) -> Problem {
        var problem = Problem.unavailable("Prices cannot be fetched right now; nothing was stored. Try again shortly.")
        let seconds = retryAfter.map { Int($0.components.seconds) } ?? 1
        problem.headers[.retryAfter] = String(max(1, seconds))
        return problem
    }
}

/// The part of catalog's problem document orders reads: its field errors.
struct CatalogProblem: Decodable {
    struct Field: Decodable {
        var field: String
        var message: String
    }

    var errors: [Field]?
}
