import HTTPTypes
import Hummingbird
import Synchronization

/// The routes a router registered, to tell "no such path" (404) from "wrong method" (405).
public final class RouteTable: Sendable {
    private let entries: Mutex<[(path: RouterPath, method: HTTPRequest.Method)]> = Mutex([])

    /// An empty table; fill it with `load(_:)` once every route is registered.
    public init() {}

    /// Records every route of `router`.
    public func load(_ router: Router<AppRequestContext>) {
        let routes = router.routes.map { (path: $0.path, method: $0.method) }
        entries.withLock { $0 = routes }
    }

    /// The methods registered for a concrete request path (empty when the path is unknown).
    public func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return entries.withLock { routes in
            routes.filter { Self.matches($0.path, segments) }.map(\.method)
        }
    }

    static func matches(_ route: RouterPath, _ segments: [Substring]) -> Bool {
        var index = 0
        for component in route.components {
            if component.description == "**" { return true }
            guard index < segments.count, component ~= segments[index] else { return false }
            index += 1
        }
        return index == segments.count
    }
}
