import Dispatch
import Foundation
import BackpropNN

/// N ranks of data-parallel training as threads of one process: each rank's
/// ``GradientReducer`` deposits its buffer, the last to arrive sums the buffers in rank order,
/// and every rank leaves with the sum (counting its NaN and infinite values when asked). A rank that waits more than `timeout` seconds for the
/// others throws, as an MPI job whose rank died must.
public final class LocalGroup: @unchecked Sendable {
    public let count: Int
    public let timeout: Double
    private let lock = NSLock()
    private var slots: [[Double]]
    private var result: [Double] = []
    private var arrived = 0, departed = 0
    private let ready: [DispatchSemaphore], left: [DispatchSemaphore]

    public init(count: Int, timeout: Double = 60) {
        self.count = count
        self.timeout = timeout
        slots = Array(repeating: [], count: count)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        left = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    /// The reducer of rank `rank`.
    public func reducer(rank: Int) -> Rank { Rank(group: self, rank: rank) }

    /// The element-wise sum of every rank's `values`, in rank order.
    public func sum(rank: Int, _ values: [Double]) throws(GradientReductionError) -> [Double] {
        lock.lock()
        slots[rank] = values
        arrived += 1
        if arrived == count {
            result = slots[0]
            for r in 1..<count { for i in result.indices { result[i] += slots[r][i] } }
            arrived = 0
            ready.forEach { $0.signal() }
        }
        lock.unlock()
        try wait(ready[rank], rank: rank)
        let sum = result
        lock.lock()
        departed += 1
        if departed == count {
            departed = 0
            left.forEach { $0.signal() }
        }
        lock.unlock()
        try wait(left[rank], rank: rank)
        return sum
    }

    private func wait(_ semaphore: DispatchSemaphore, rank: Int) throws(GradientReductionError) {
        guard semaphore.wait(timeout: .now() + timeout) == .success else {
            throw GradientReductionError("rank \(rank) waited \(timeout) s for the other ranks")
        }
    }

    public struct Rank: GradientReducer {
        public let group: LocalGroup
        public let rank: Int
        public var processCount: Int { group.count }

        public func sum(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) {
            let summed = try group.sum(rank: rank, values.map(Double.init))
            for i in values.indices { values[i] = Float(summed[i]) }
        }

        public func sum(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) {
            let summed = try group.sum(rank: rank, Array(values))
            for i in values.indices { values[i] = summed[i] }
        }

        /// The sum, and how many of its values are NaN or infinite: every rank computes every
        /// value here, so each counts them all (the total is N times the count).
        public func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) -> Int? {
            try sum(values)
            return values.filter { !$0.isFinite }.count
        }

        public func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) -> Int? {
            try sum(values)
            return values.filter { !$0.isFinite }.count
        }
    }
}

extension LocalGroup {
    /// Runs `body(rank)` for ranks 0..<count, each on its own thread (concurrentPerform would
    /// run at most as many as there are cores, and the ranks wait for each other), and returns
    /// the results in rank order.
    public static func run<Value: Sendable>(ranks count: Int, _ body: @escaping @Sendable (_ rank: Int) -> Value) -> [Value] {
        let results = Slots<Value>(count: count)
        let finished = DispatchGroup()
        for rank in 0..<count {
            finished.enter()
            Thread.detachNewThread {
                defer { finished.leave() }
                results.set(rank, body(rank))
            }
        }
        finished.wait()
        return results.values.map { $0! }
    }
}

/// Values written by concurrent ranks, one slot each.
final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }
    var values: [Value?] { lock.withLock { storage } }
}
