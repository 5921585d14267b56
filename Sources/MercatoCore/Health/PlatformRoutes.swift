import Foundation
import Hummingbird

/// Adds the routes every service has: `/health/live`, `/health/ready`, `/metrics` and its OpenAPI document.
public enum PlatformRoutes {
    /// Registers the platform routes on `router`.
    public static func add(to router: Router<AppRequestContext>, readiness: Readiness, metrics: MetricsRegistry, openAPIDocument: String?) {
        router.get("/health/live") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"up"}"#)))
        }
        router.get("/health/ready") { _, context in
            let report = await readiness.report()
            let data = try JSONEncoder().encode(report)
            return Response(status: report.status == "up" ? .ok : .serviceUnavailable,
                            headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        if let openAPIDocument {
            router.get("/openapi.yaml") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: openAPIDocument)))
            }
        }
    }
}
