/// Where a running training stands, as the session reports it to its caller (the tool draws a
/// progress bar or prints a line from it).
public struct TrainingProgress: Sendable, Equatable {
    /// The iteration just run, from 0.
    public var iteration: Int
    /// The total number of iterations of the run.
    public var totalIterations: Int
    /// The epoch, from 0.
    public var epoch: Int
    /// The total number of epochs.
    public var totalEpochs: Int
    /// The cost of the iteration's batch (before its update), in float64.
    public var cost: Double
    /// The cost as its own precision prints it at full precision (shortest round-trip text of
    /// the Float or Double), as the course prints it.
    public var costText: String
    /// Seconds since the session started training (this process).
    public var elapsed: Double
    /// Iterations run by this process (excludes those resumed from a checkpoint).
    public var iterationsThisRun: Int
    /// Whether this iteration is due for a printed cost line (every `--print-every`, and the last).
    public var isPrintDue: Bool
    /// Examples trained and megabytes read per second so far, when the data are streamed.
    public var throughput: Throughput?

    /// The rates of a streamed run.
    public struct Throughput: Sendable, Equatable {
        /// Examples trained per second (mini-batches × their size).
        public var examplesPerSecond: Double
        /// Megabytes (10⁶ bytes) read from the data file per second since the steps started,
        /// read-ahead included (the first window, read before the clock starts, is not).
        public var megabytesPerSecond: Double
        /// "52100 examples/s, 163.4 MB/s read".
        public var text: String {
            "\(Int(examplesPerSecond.rounded())) examples/s, \(TrainingProgress.fixed(megabytesPerSecond, 1)) MB/s read"
        }
    }

    /// A progress report; see the properties.
    public init(
        iteration: Int, totalIterations: Int, epoch: Int, totalEpochs: Int, cost: Double, costText: String,
        elapsed: Double, iterationsThisRun: Int, isPrintDue: Bool
    ) {
        self.iteration = iteration
        self.totalIterations = totalIterations
        self.epoch = epoch
        self.totalEpochs = totalEpochs
        self.cost = cost
        self.costText = costText
        self.elapsed = elapsed
        self.iterationsThisRun = iterationsThisRun
        self.isPrintDue = isPrintDue
    }

    /// Iterations per second so far (0 before the first second's worth of data).
    public var speed: Double { elapsed > 0 ? Double(iterationsThisRun) / elapsed : 0 }

    /// Estimated seconds left, from the speed so far; nil when unknown.
    public var remaining: Double? {
        let left = totalIterations - iteration - 1
        guard speed > 0 else { return nil }
        return Double(max(left, 0)) / speed
    }

    /// A progress bar for a terminal line of `width` characters, for example
    /// `[##########··········]  1200/2500  cost 0.237419  84.2 it/s  ETA 0:15`.
    public func bar(width: Int = 80) -> String {
        let fraction = totalIterations > 0 ? Double(iteration + 1) / Double(totalIterations) : 1
        let counter = totalEpochs != totalIterations
            ? "epoch \(epoch + 1)/\(totalEpochs)"
            : "\(iteration + 1)/\(totalIterations)"
        let rates = throughput.map { "  " + $0.text } ?? ""
        let text = "  \(counter)  cost \(Self.fixed(cost, 6))  \(Self.fixed(speed, 1)) it/s\(rates)  ETA \(remaining.map(Self.duration) ?? "?")"
        let barWidth = max(10, min(30, width - text.count - 2))
        let filled = min(barWidth, Int((fraction * Double(barWidth)).rounded(.down)))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "·", count: barWidth - filled) + "]" + text
    }

    /// `value` with `digits` decimals (no Foundation formatting, so identical on every platform).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        guard rounded < 9e15 else { return "\(value)" }
        let integer = Int(rounded)
        let whole = integer / Int(scale), fraction = integer % Int(scale)
        var fractionText = digits > 0 ? String(fraction) : ""
        fractionText = String(repeating: "0", count: max(0, digits - fractionText.count)) + fractionText
        let sign = value < 0 && rounded > 0 ? "-" : ""
        return sign + String(whole) + (digits > 0 ? "." + fractionText : "")
    }

    /// Seconds as `m:ss` (or `h:mm:ss`).
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite && seconds >= 0 && seconds < 1e15 else { return "?" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60)
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss }
        return "\(m):" + ss
    }
}
