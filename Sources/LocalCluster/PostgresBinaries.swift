import Foundation

/// Where PostgreSQL's server programs (`initdb`, `pg_ctl`, `postgres`, `psql`) are installed.
public struct PostgresBinaries: Sendable {
    /// Directory holding the programs.
    public var directory: String

    /// The programs are missing; the message names the package that installs them.
    public struct Missing: Error, CustomStringConvertible {
        /// What to install.
        public var description: String {
            #if os(macOS)
            "PostgreSQL server binaries not found. Install them with: brew install postgresql@16 (or run scripts/setup)"
            #else
            "PostgreSQL server binaries not found. Install them with: apt-get install postgresql (Debian/Ubuntu; or run scripts/setup)"
            #endif
        }
    }

    /// Finds the newest installed PostgreSQL: `MERCATO_POSTGRES_BIN` first, then the usual Debian and Homebrew places, then PATH.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresBinaries {
        var candidates: [String] = []
        if let explicit = environment["MERCATO_POSTGRES_BIN"] { candidates.append(explicit) }
        for root in ["/usr/lib/postgresql", "/opt/homebrew/opt", "/usr/local/opt"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            let versions = names.filter { $0.first?.isNumber == true || $0.hasPrefix("postgresql") }
                .sorted { versionNumber($0) > versionNumber($1) }
            candidates += versions.map { root.hasSuffix("postgresql") ? "\(root)/\($0)/bin" : "\(root)/\($0)/bin" }
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") { candidates.append(String(directory)) }
        for directory in candidates where FileManager.default.isExecutableFile(atPath: "\(directory)/initdb")
            && FileManager.default.isExecutableFile(atPath: "\(directory)/pg_ctl") {
            return PostgresBinaries(directory: directory)
        }
        throw Missing()
    }

    static func versionNumber(_ name: String) -> Int {
        Int(name.filter(\.isNumber).prefix(3)) ?? 0
    }

    /// Full path of one program.
    public func path(_ program: String) -> String { "\(directory)/\(program)" }
}
