#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The most memory a command may build from what it is given: every buffer whose size comes
/// from a file's header, a label value or an option is checked against it *before* it is
/// allocated, so a 2 kB file that declares a 6 TB dataset, a label of 2^31 or `--layers
/// 2,1000000000,3` is refused with a message instead of aborting the process.
///
/// The readers' own caps (`maximumOutputCount` of the decompressors, the 2^28-pixel image cap,
/// the 4 GiB HDF5 read limit) stay; the budget covers what is built from their results (a
/// matrix of features, one-hot labels, a network's parameters and its training buffers).
///
/// The budget in force is ``current``, a task-local value: the `backprop` tool sets it from
/// `--memory-limit` (default ``default``, half the physical memory) around the whole command;
/// library code that loads data or builds networks reads it, and a caller can run any work
/// under a smaller one:
///
/// ```swift
/// try MemoryBudget.$current.withValue(MemoryBudget(bytes: 64 << 20)) {
///     let data = try Dataset<Float>.load(path: "stranger.h5")
/// }
/// ```
public struct MemoryBudget: Sendable, Equatable, CustomStringConvertible {
    /// The most bytes one check may ask for.
    public var bytes: Int

    /// A budget of `bytes` (negative values count as 0).
    public init(bytes: Int) {
        self.bytes = max(0, bytes)
    }

    /// The budget in force for this task (see the type's documentation); ``default`` unless a
    /// caller set another with `MemoryBudget.$current.withValue(_:operation:)`.
    @TaskLocal public static var current: MemoryBudget = .default

    /// Half of this machine's physical memory (1 GiB when it cannot be read).
    public static let `default` = MemoryBudget(bytes: physicalMemory.map { $0 / 2 } ?? 1 << 30)

    /// No limit (`Int.max` bytes): only arithmetic overflow is refused.
    public static let unlimited = MemoryBudget(bytes: .max)

    /// The machine's physical memory in bytes, when the system says.
    public static var physicalMemory: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        let (total, overflow) = Int(pages).multipliedReportingOverflow(by: Int(pageSize))
        return overflow ? nil : total
    }

    /// `12.0 GiB`.
    public var description: String { Self.format(bytes: bytes) }

    // MARK: Sizes

    /// The bytes of `count` elements of `elementSize` bytes each, or nil when the product
    /// overflows `Int` or a factor is negative.
    public static func size(count: Int, elementSize: Int) -> Int? {
        size(shape: [count], elementSize: elementSize)
    }

    /// The bytes of an array of `shape` with elements of `elementSize` bytes, or nil when the
    /// product overflows `Int` or a dimension is negative.
    public static func size(shape: [Int], elementSize: Int) -> Int? {
        var total = elementSize
        guard total >= 0 else { return nil }
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            total = product
        }
        return total
    }

    /// The sum of sizes from ``size(shape:elementSize:)``, nil when any is nil or the sum overflows.
    public static func sum(_ sizes: [Int?]) -> Int? {
        var total = 0
        for size in sizes {
            guard let size else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(size)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    // MARK: Checks

    /// Nil when `bytes` (nil: more than `Int` can count) fits the budget, else the refusal
    /// naming `what` (for example `"train.h5: train_set_x as 64-bit floats"`).
    public func refusal(bytes: Int?, for what: @autoclosure () -> String) -> MemoryBudgetExceeded? {
        if let bytes, bytes <= self.bytes { return nil }
        return MemoryBudgetExceeded(what: what(), requestedBytes: bytes, budgetBytes: self.bytes)
    }

    /// Throws unless `bytes` (nil: more than `Int` can count) fits the budget.
    ///
    /// - Throws: ``MemoryBudgetExceeded`` naming `what`, the size and the budget.
    public func check(bytes: Int?, for what: @autoclosure () -> String) throws(MemoryBudgetExceeded) {
        if let refusal = refusal(bytes: bytes, for: what()) { throw refusal }
    }

    /// Throws unless an array of `shape` with elements of `elementSize` bytes fits the budget.
    ///
    /// - Throws: ``MemoryBudgetExceeded`` naming `what`, the size and the budget.
    public func check(shape: [Int], elementSize: Int, for what: @autoclosure () -> String) throws(MemoryBudgetExceeded) {
        try check(bytes: Self.size(shape: shape, elementSize: elementSize), for: what())
    }

    // MARK: Text

    /// A size as people write it: `512 B`, `1.5 KiB`, `6.0 TiB` (powers of 1024).
    public static func format(bytes: Int) -> String {
        if bytes == .max { return "unlimited" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let tenths = (value * 10).rounded() / 10
        return "\(tenths) \(units[unit])"
    }

    /// A budget from text such as `512M`, `4G`, `4GiB`, `1.5g`, `100000` (bytes), `25%` (of the
    /// physical memory) or `unlimited`; K, M, G and T are powers of 1024. Nil when the text is
    /// none of these or the size does not fit `Int`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces.lowercased()
        if trimmed == "unlimited" || trimmed == "none" {
            self = .unlimited
            return
        }
        if trimmed.hasSuffix("%") {
            guard let percent = Double(trimmed.dropLast()), percent > 0, percent <= 100,
                  let physical = Self.physicalMemory else { return nil }
            self.init(bytes: Int(Double(physical) * percent / 100))
            return
        }
        var digits = Substring(trimmed)
        for suffix in ["ib", "b"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits = digits.dropLast(suffix.count)
            break
        }
        let multipliers: [Character: Double] = ["k": 0x1p10, "m": 0x1p20, "g": 0x1p30, "t": 0x1p40]
        var multiplier = 1.0
        if let last = digits.last, let scale = multipliers[last] {
            multiplier = scale
            digits = digits.dropLast()
        }
        guard let value = Double(digits), value.isFinite, value >= 0 else { return nil }
        let total = value * multiplier
        guard total < 0x1p63 else { return nil }
        self.init(bytes: Int(total))
    }
}

/// A request for more memory than the ``MemoryBudget`` allows, or than `Int` can count.
public struct MemoryBudgetExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    /// What would have been built: a file and dataset, a label, an option.
    public var what: String
    /// The bytes asked for; nil when more than `Int` can count.
    public var requestedBytes: Int?
    /// The budget in force.
    public var budgetBytes: Int

    /// Makes the error; see the properties.
    public init(what: String, requestedBytes: Int?, budgetBytes: Int) {
        self.what = what
        self.requestedBytes = requestedBytes
        self.budgetBytes = budgetBytes
    }

    /// `train.h5: train_set_x as 64-bit floats needs 6.0 TiB, more than the memory budget (12.0 GiB)`.
    public var description: String {
        let size = requestedBytes.map(MemoryBudget.format(bytes:)) ?? "more than 8 EiB"
        return "\(what) needs \(size), more than the memory budget (\(MemoryBudget.format(bytes: budgetBytes)))"
    }

    /// What to do about it, for the tool's `hint:` line.
    public static let hint = "raise the budget with --memory-limit SIZE (for example 16G), or check the file and options"
}
