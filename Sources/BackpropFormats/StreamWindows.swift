import BackpropNN
import Dispatch

/// The rows a stream read of one block: every example of the block, or only the selected ones
/// (a rank's share), example after example, n values each.
struct BlockRows<Scalar: Sendable>: Sendable {
    /// The rows read, n values each.
    var values: [Scalar]
    /// For each place in the block, the row holding that example (-1: not read); `nil` when
    /// every example of the block was read (place = row).
    var rows: [Int32]?
}

/// The windows of blocks a stream holds during one epoch (``ExampleFileStream``): which window
/// each block belongs to, the windows read (block → rows of n values), and the one being read
/// ahead on a background thread.
struct StreamWindows<Scalar: Sendable> {
    /// Reads one window: its blocks' examples (the selected ones, if any) as rows of n values, by block.
    typealias Reader = @Sendable (_ blocks: [Int], _ blockSize: Int, _ selection: ExampleSelection?) throws(ExampleStreamError) -> [Int: BlockRows<Scalar>]

    /// The epoch's windows, in the order they are visited.
    private(set) var windows: [[Int]] = []
    private(set) var blockSize = 1
    /// The examples read, or `nil`: all of them.
    private(set) var selection: ExampleSelection?
    /// The window of each block in this epoch.
    private var windowOfBlock: [Int] = []
    /// The windows read, by window index.
    private var held: [Int: [Int: BlockRows<Scalar>]] = [:]
    /// The window being read ahead, and where its result will be.
    private var pending: (window: Int, group: DispatchGroup, result: PrefetchResult<Scalar>)?

    init() {}

    /// The windows of an epoch over `m` examples in blocks of `blockSize`, reading the examples
    /// of `selection` (all when `nil`).
    init(windows: [[Int]], blockSize: Int, examples m: Int, selection: ExampleSelection? = nil) {
        self.windows = windows
        self.blockSize = blockSize
        self.selection = selection
        windowOfBlock = [Int](repeating: 0, count: m == 0 ? 0 : (m - 1) / blockSize + 1)
        for (index, window) in windows.enumerated() {
            for block in window { windowOfBlock[block] = index }
        }
    }

    /// The windows of `previous` still held whose blocks make up one of this epoch's windows,
    /// kept under their new index (a data set of one window is read once, not every epoch).
    mutating func keep(from previous: StreamWindows) {
        guard blockSize == previous.blockSize, selection == previous.selection else { return }
        for (index, rows) in previous.held {
            let blocks = Set(previous.windows[index])
            if let same = windows.firstIndex(where: { $0.count == blocks.count && Set($0) == blocks }) { held[same] = rows }
        }
    }

    /// The window (of this epoch) holding example `index`.
    func window(of index: Int) -> Int { windowOfBlock[index / blockSize] }

    /// The rows read of the block holding example `index` (example after example) and the
    /// example's row among them; its values start at row × n.
    /// - Precondition: its window is held, and the example was read (selected).
    func row(of index: Int) -> (values: [Scalar], row: Int) {
        let block = index / blockSize, place = index - block * blockSize
        guard let read = held[windowOfBlock[block]]?[block] else { preconditionFailure("StreamWindows: example \(index) is not held") }
        guard let rows = read.rows else { return (read.values, place) }
        precondition(rows[place] >= 0, "StreamWindows: example \(index) is not in the stream's selection")
        return (read.values, Int(rows[place]))
    }

    /// Whether window `window` is held (read, and not yet released).
    func holds(_ window: Int) -> Bool { held[window] != nil }

    /// Holds window `window`: taken from the read ahead, or read now.
    mutating func ensure(_ window: Int, reading read: Reader) throws(ExampleStreamError) {
        guard held[window] == nil else { return }
        if let pending, pending.window == window {
            pending.group.wait()
            self.pending = nil
            held[window] = try pending.result.take()
        } else {
            held[window] = try read(windows[window], blockSize, selection)
        }
    }

    /// Drops the windows before `window` (the epoch has moved past them).
    mutating func release(below window: Int) {
        for index in held.keys where index < window { held[index] = nil }
    }

    /// Starts reading `window` on a background thread, unless it is held, past the epoch's last
    /// window, or a read ahead is under way (one at a time: it is always the next window, since
    /// ``ensure(_:reading:)`` takes the read ahead when a batch reaches it).
    mutating func prefetch(_ window: Int, reading read: @escaping Reader) {
        guard window < windows.count, held[window] == nil, pending == nil else { return }
        let group = DispatchGroup(), result = PrefetchResult<Scalar>(), blocks = windows[window], size = blockSize, selection = selection
        DispatchQueue.global().async(group: group) {
            do throws(ExampleStreamError) { result.set(.success(try read(blocks, size, selection))) } catch { result.set(.failure(error)) }
        }
        pending = (window, group, result)
    }
}

/// A window read on a background thread: written there, read after the group's wait.
final class PrefetchResult<Scalar: Sendable>: @unchecked Sendable {
    private var value: Result<[Int: BlockRows<Scalar>], ExampleStreamError>?
    func set(_ result: Result<[Int: BlockRows<Scalar>], ExampleStreamError>) { value = result }
    func take() throws(ExampleStreamError) -> [Int: BlockRows<Scalar>] {
        guard let value else { preconditionFailure("PrefetchResult: taken before it was set") }
        return try value.get()
    }
}
