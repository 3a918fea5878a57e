/// The training workloads of ../shared/bench/README.md (W1 in float32 and float64, W2,
/// W2adam, W3), timed like the peers time them (training loop only, same seeded data and
/// initial weights) and compared with the peers' `bench_*.py` run in the same invocation.
///
/// Not yet here: they need BackpropNN's network type. Each workload goes in this file as a
/// `Workload` value whose `run(threads:)` trains and returns (loop seconds, final loss).
enum Workloads {
    static let names = ["W1", "W1f64", "W2", "W2adam", "W3"]

    /// Prints what is missing; returns without timing anything.
    static func run(_ requested: [String]) {
        print("Training workloads (\(requested.joined(separator: ", "))): not available yet;")
        print("they arrive with BackpropNN's network type (see Workloads.swift).")
    }
}
