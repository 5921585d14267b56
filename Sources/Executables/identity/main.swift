import Foundation
import IdentityService
import MercatoCore

ServiceMain.adoptEventLoopsAsGlobalExecutor()  // before the first await, as it requires
// A start-up refusal (such as a missing key-encryption key) prints its message and exits 1, without a crash report.
do {
    if try await !IdentityService.runCommand(arguments: CommandLine.arguments) {
        try await ServiceMain.run(IdentityService.definition, build: IdentityService.buildApplication)
    }
} catch {
    FileHandle.standardError.write(Data("identity: \(error)\n".utf8))
    exit(1)
}
