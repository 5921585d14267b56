import Foundation
import LocalCluster
import Testing

/// Tier: unit. What `mercato status` reads about restarts, and how a process's end is told.
@Suite struct RestartRecordTests {
    @Test func exitsAndRestartsAreCounted() {
        var record = RestartRecord()
        let crashed = Date(timeIntervalSince1970: 1_800_000_000)
        record.noteExit(.signaled(SIGKILL), at: crashed)
        #expect(record.restarts == 0)
        record.noteRestart(at: crashed + 1)
        record.noteExit(.exited(code: 1), at: crashed + 5)
        record.noteRestart(at: crashed + 7)
        #expect(record == RestartRecord(restarts: 2, lastExit: .exited(code: 1), lastExitAt: crashed + 5, lastRestartAt: crashed + 7))
    }

    @Test func theFileIsSortedJSONWithISOTimesAndReadsBack() throws {
        let record = RestartRecord(restarts: 1, lastExit: .signaled(9), lastExitAt: Date(timeIntervalSince1970: 1_800_000_000),
                                   lastRestartAt: Date(timeIntervalSince1970: 1_800_000_001))
        let json = String(decoding: try record.encoded(), as: UTF8.self)
        #expect(json == #"{"lastExit":{"signal":9},"lastExitAt":"2027-01-15T08:00:00Z","lastRestartAt":"2027-01-15T08:00:01Z","restarts":1}"#)
        #expect(try RestartRecord.decoded(from: Data(json.utf8)) == record)
        #expect(try RestartRecord.decoded(from: Data(#"{"restarts":0}"#.utf8)) == RestartRecord())
    }

    @Test func waitStatusesDecodeToExitCodesAndSignals() {
        #expect(TerminationStatus(waitStatus: 0) == .exited(code: 0))
        #expect(TerminationStatus(waitStatus: 3 << 8) == .exited(code: 3))
        #expect(TerminationStatus(waitStatus: SIGKILL) == .signaled(SIGKILL))
        #expect(TerminationStatus(waitStatus: 0x80 | SIGSEGV) == .signaled(SIGSEGV), "the core-dump bit is not part of the signal")
    }

    @Test func statusesReadAsAShellAndAPersonWouldSayThem() throws {
        #expect(TerminationStatus.exited(code: 1).description == "exit code 1")
        #expect(TerminationStatus.signaled(SIGKILL).description == "signal \(SIGKILL) (SIGKILL)")
        #expect(TerminationStatus.signaled(64).description == "signal 64")
        #expect(TerminationStatus.signaled(SIGTERM).shellStatus == 128 + SIGTERM)
        #expect(TerminationStatus.exited(code: 2).shellStatus == 2)
        let both: [TerminationStatus] = [.exited(code: 2), .signaled(SIGILL)]
        let json = String(decoding: try JSONEncoder().encode(both), as: UTF8.self)
        #expect(json == #"[{"code":2},{"signal":\#(SIGILL)}]"#)
        #expect(try JSONDecoder().decode([TerminationStatus].self, from: Data(json.utf8)) == both)
    }
}
