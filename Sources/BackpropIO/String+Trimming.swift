extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (a slice: nothing is copied).
    ///
    /// Used for the numbers and labels of text files and options, where a space after a
    /// comma or before a line's end is not part of the value.
    package var trimmingSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
