import ArgumentParser
import Foundation

/// `mercato logs [service]`: prints (and with `--follow`, streams) the components' logs.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Show logs of one component or all of them.")

    @OptionGroup var options: StackOptions

    @Argument(help: "identity, catalog, orders, payments, notifications, postgres, rabbitmq, mail-sink or supervisor; all when omitted.")
    var component: String?

    @Option(name: [.customShort("n"), .long], help: "Lines to show from the end of each log.")
    var lines = 100

    @Flag(name: .shortAndLong, help: "Keep printing new lines as they are written.")
    var follow = false

    func run() async throws {
        let config = try await options.stackConfig()
        let names = component.map { [$0] } ?? (["postgres", "rabbitmq", "mail-sink"] + LocalStack.services + ["supervisor"])
        var offsets: [String: UInt64] = [:]
        for name in names {
            let path = config.logPath(of: name)
            guard let data = FileManager.default.contents(atPath: path) else {
                if component != nil { throw ValidationError("no log for \(name) at \(path)") }
                continue
            }
            let tail = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
            for line in tail where !line.isEmpty { print(names.count > 1 ? "\(name) | \(line)" : String(line)) }
            offsets[path] = UInt64(data.count)
        }
        guard follow else { return }
        while !Task.isCancelled {
            for name in names {
                let path = config.logPath(of: name)
                guard let handle = FileHandle(forReadingAtPath: path) else { continue }
                let offset = offsets[path] ?? 0
                try handle.seek(toOffset: offset)
                let data = handle.readDataToEndOfFile()
                try? handle.close()
                guard !data.isEmpty else { continue }
                offsets[path] = offset + UInt64(data.count)
                for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                    print(names.count > 1 ? "\(name) | \(line)" : String(line))
                }
            }
            fflush(nil)
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
