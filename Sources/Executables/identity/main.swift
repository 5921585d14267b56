import IdentityService
import MercatoCore

if try await !IdentityService.runCommand(arguments: CommandLine.arguments) {
    try await ServiceMain.run(IdentityService.definition, build: IdentityService.buildApplication)
}
