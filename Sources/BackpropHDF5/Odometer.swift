/// Steps `position` to the next index of an array of shape `extent` in row-major order, looking
/// only at its first `dimensions` axes (the last axis varies fastest): an odometer. Returns
/// `false`, with the position back at zero, after the last index.
///
/// - Precondition: `position` and `extent` have at least `dimensions` entries.
func advance(_ position: inout [Int], within extent: [Int], dimensions: Int) -> Bool {
    var d = dimensions - 1
    while d >= 0 {
        position[d] += 1
        if position[d] < extent[d] { return true }
        position[d] = 0
        d -= 1
    }
    return false
}
