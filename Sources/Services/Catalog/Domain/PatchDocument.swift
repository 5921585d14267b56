import Foundation
import MercatoCore

/// Applies a client's JSON merge patch to the current editable fields and re-reads the result as fresh input,
/// so a patched resource passes exactly the validation a new one does.
public enum PatchDocument {
    /// `patch` merged into `current`, decoded as `Input`. 422 when the patch is not an object,
    /// names a field outside `allowed`, or leaves a field invalid.
    public static func apply<Input: Decodable>(_ patch: JSONValue, to current: JSONValue, allowed: Set<String>, as type: Input.Type) throws -> Input {
        guard let members = patch.objectValue else { throw Problem.validation(field: "body", "must be a JSON object") }
        let unknown = members.keys.filter { !allowed.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw Problem.validation(unknown.map { FieldError(field: $0, message: "is not a field that can be changed") })
        }
        let merged = MergePatch.apply(patch, to: current)
        let data = try JSONEncoder().encode(merged)
        return try JSONBody.decode(type, from: data)
    }
}
