import LocalCluster
import Testing

/// Tier: unit. The words of `mercato chaos` and the verdict of a run.
@Suite struct ChaosScenarioTests {
    @Test func scenarioWordsParseWithTheirArguments() throws {
        #expect(try ChaosScenario.parse(["pg-restart", "pg-down", "45s", "kill", "orders", "poison"])
                == [.postgresRestart, .postgresDown(seconds: 45), .kill(service: "orders"), .poison])
        #expect(try ChaosScenario.parse(["pg-down", "broker-kill"]) == [.postgresDown(seconds: 30), .brokerKill])
        #expect(try ChaosScenario.parse(["pg-down", "2m"]) == [.postgresDown(seconds: 120)])
        #expect(try ChaosScenario.parse(["all"]).count == 14)
        #expect(throws: ChaosScenarioError.self) { try ChaosScenario.parse(["kill"]) }
        #expect(throws: ChaosScenarioError.self) { try ChaosScenario.parse(["kill", "postgres"]) }
        #expect(throws: ChaosScenarioError.self) { try ChaosScenario.parse(["pg-explode"]) }
        #expect(throws: ChaosScenarioError.self) { try ChaosScenario.parse([]) }
        #expect(ChaosScenario.postgresDown(seconds: 30).slug == "pg-down-30s")
    }

    @Test func aScenarioPassesOnlyRecoveredWithoutCrashesAndWithEveryInvariant() {
        let pass = ChaosVerdict.decide(scenario: .postgresKill, recoverySeconds: 1.5, recoveryBound: 60, restarts: [:], failedInvariants: [])
        #expect(pass.passed && pass.reasons.isEmpty)

        let crashed = ChaosVerdict.decide(scenario: .postgresKill, recoverySeconds: 1.5, recoveryBound: 60, restarts: ["orders": 1],
                                          failedInvariants: [])
        #expect(!crashed.passed && crashed.reasons == ["orders restarted 1 times, expected 0"])

        let killed = ChaosVerdict.decide(scenario: .kill(service: "orders"), recoverySeconds: 2, recoveryBound: 60, restarts: ["orders": 1],
                                         failedInvariants: [])
        #expect(killed.passed, "the killed service's one restart is the scenario's own")
        let notRestarted = ChaosVerdict.decide(scenario: .kill(service: "orders"), recoverySeconds: 2, recoveryBound: 60, restarts: [:],
                                               failedInvariants: [])
        #expect(notRestarted.reasons == ["orders restarted 0 times, expected 1"])

        let slow = ChaosVerdict.decide(scenario: .brokerRestart, recoverySeconds: 75, recoveryBound: 60, restarts: [:],
                                       failedInvariants: ["outboxes-drained"])
        #expect(slow.reasons == ["recovered after 75.0 s, more than 60 s", "invariant outboxes-drained failed"])
        #expect(!ChaosVerdict.decide(scenario: .poison, recoverySeconds: nil, recoveryBound: 60, restarts: [:], failedInvariants: []).passed)
    }
}
