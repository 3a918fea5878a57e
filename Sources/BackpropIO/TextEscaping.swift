/// `text` with each Unicode scalar for which `replacement` returns a string replaced by that
/// string, every other scalar kept: the walk shared by the writers' escapers (JSON strings in
/// safetensors headers, XML text and attributes in SVG), each of which supplies its own table.
package func replacingScalars(in text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        if let replaced = replacement(scalar) {
            out += replaced
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
