import Foundation

/// JSON text built by hand for hot paths (log lines, the most-read resources): `JSONEncoder` and date
/// formatters dominated the cost of those requests.
public enum JSONText {
    /// Appends `value` as a JSON string literal (quotes, escapes for `"`, `\\` and control characters).
    public static func appendString(_ value: String, to text: inout String) {
        text += "\""
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            text += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    /// Appends `date` as RFC 3339 UTC, `2026-11-23T01:02:03Z` (or `…03.456Z` with `milliseconds`), without quotes;
    /// fractions are truncated, as Foundation's ISO-8601 style does.
    public static func appendTimestamp(_ date: Date, milliseconds: Bool, to text: inout String) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        pad(Int(parts.tm_year) + 1900, 4, &text); text += "-"
        pad(Int(parts.tm_mon) + 1, 2, &text); text += "-"
        pad(Int(parts.tm_mday), 2, &text); text += "T"
        pad(Int(parts.tm_hour), 2, &text); text += ":"
        pad(Int(parts.tm_min), 2, &text); text += ":"
        pad(Int(parts.tm_sec), 2, &text)
        if milliseconds {
            text += "."
            pad(min(999, max(0, Int((interval - Double(seconds)) * 1000))), 3, &text)
        }
        text += "Z"
    }

    /// `date` as RFC 3339 UTC text.
    public static func timestamp(_ date: Date, milliseconds: Bool) -> String {
        var text = ""
        appendTimestamp(date, milliseconds: milliseconds, to: &text)
        return text
    }

    private static func pad(_ value: Int, _ width: Int, _ text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
