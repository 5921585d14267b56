import Foundation
import LocalCluster
import Testing

/// A detached stack's supervisor, with the real `mercato` and services: a service killed with SIGKILL comes back with
/// its restart counted; a second `up --detach` starts no second supervisor; `mercato down` stops the supervisor
/// before the services, so none comes back.
@Suite(.serialized) struct SupervisionEndToEndTests {
    @Test func aKilledServiceIsRestartedAndDownStopsItForGood() async throws {
        let stack = try StackHarness()
        defer { stack.tearDown() }

        let up = try await stack.mercato(["up", "--detach"])
        try #require(up.status == 0, "mercato up failed:\n\(up.output)")
        let supervisor = try #require(PidFile.pid(of: "supervisor", in: stack.dataDirectory), "no supervisor.pid after up --detach")

        let before = try await services(stack)
        #expect(before.values.allSatisfy { number($0["restarts"]) == 0 }, "\(before)")
        let killed = try #require(number(before["catalog"]?["pid"]))
        kill(pid_t(killed), SIGKILL)

        var catalog: [String: Any] = [:]
        for _ in 0..<60 {
            try await Task.sleep(for: .milliseconds(500))
            catalog = try await services(stack)["catalog"] ?? [:]
            if catalog["health"] as? String == "up", number(catalog["restarts"]) == 1 { break }
        }
        #expect(catalog["health"] as? String == "up", "\(catalog)")
        #expect(number(catalog["restarts"]) == 1, "\(catalog)")
        #expect(catalog["lastExit"] as? String == "signal \(SIGKILL) (SIGKILL)", "\(catalog)")
        #expect(catalog["lastRestart"] is String, "\(catalog)")
        #expect(number(catalog["pid"]) != killed)

        let again = try await stack.mercato(["up", "--detach"])
        #expect(again.status == 0, "\(again.output)")
        #expect(PidFile.pid(of: "supervisor", in: stack.dataDirectory) == supervisor)
        #expect(supervisorProcesses(stack) == [supervisor], "one `mercato supervise` for this stack")

        let down = try await stack.mercato(["down"])
        #expect(down.status == 0, "\(down.output)")
        #expect(!ChildProcess.isAlive(supervisor))
        try await Task.sleep(for: .seconds(3))  // three times the first restart delay
        let after = try await services(stack)
        #expect(after.values.allSatisfy { $0["health"] as? String == "stopped" && $0["pid"] == nil }, "\(after)")
    }

    /// `mercato status --json`'s service entries by name (whatever its exit status).
    private func services(_ stack: StackHarness) async throws -> [String: [String: Any]] {
        let status = try await stack.mercato(["status", "--json"])
        let components = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [[String: Any]] ?? []
        let services: Set = ["identity", "catalog", "orders", "payments", "notifications"]
        return Dictionary(uniqueKeysWithValues: components.compactMap { component in
            (component["name"] as? String).flatMap { services.contains($0) ? ($0, component) : nil }
        })
    }

    /// A JSON number as an Int.
    private func number(_ value: Any?) -> Int? { (value as? Int) ?? (value as? NSNumber)?.intValue }

    /// Pids of the `mercato supervise` processes whose command line names this stack's data directory.
    private func supervisorProcesses(_ stack: StackHarness) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(pid_t.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.contains("supervise") && arguments.contains(stack.dataDirectory) && ChildProcess.isAlive(pid)
        }.sorted()
    }
}
