import SMTP
import Testing

@Test func submissionPortIs587() {
    #expect(SMTPProtocol.defaultPort == 587)
}
