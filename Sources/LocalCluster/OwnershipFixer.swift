import Foundation

/// Gives a directory to another OS user (the `postgres` user when we run as root) and makes
/// sure every parent directory is traversable, as PostgreSQL requires.
enum OwnershipFixer {
    static func prepare(directory: String, for user: String, alsoReadable file: String) throws {
        let root = CommandRunner()
        try root.run("/bin/chown", ["-R", user, directory])
        try root.run("/bin/chown", [user, file])
        var path = (directory as NSString).deletingLastPathComponent
        while path != "/" && !path.isEmpty {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
            if mode & 0o001 == 0 {
                try FileManager.default.setAttributes([.posixPermissions: mode | 0o001], ofItemAtPath: path)
            }
            path = (path as NSString).deletingLastPathComponent
        }
    }
}
