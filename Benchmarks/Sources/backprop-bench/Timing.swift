#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds on a monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
}

/// The median of `values` (NaN when empty).
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Runs `body` twice to warm up, then at least `reps` times and for at least `minSeconds`,
/// and returns the median time of one run.
func measure(reps: Int, minSeconds: Double, _ body: () -> Void) -> Double {
    body()
    body()
    var times: [Double] = []
    let start = now()
    while times.count < reps || (now() - start < minSeconds && times.count < 1000) {
        let t0 = now()
        body()
        times.append(now() - t0)
    }
    return median(times)
}
