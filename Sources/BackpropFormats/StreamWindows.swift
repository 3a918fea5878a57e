import BackpropNN
import Dispatch

/// The windows of blocks a stream holds during one epoch (``ExampleFileStream``): which window
/// each block belongs to, the windows read (block → rows of n values), and the one being read
/// ahead on a background thread.
struct StreamWindows<Scalar: Sendable> {
    /// Reads one window: its blocks' examples as rows of n values, by block.
    typealias Reader = @Sendable (_ blocks: [Int], _ blockSize: Int) throws(ExampleStreamError) -> [Int: [Scalar]]

    /// The epoch's windows, in the order they are visited.
    private(set) var windows: [[Int]] = []
    private(set) var blockSize = 1
    /// The window of each block in this epoch.
    private var windowOfBlock: [Int] = []
    /// The windows read, by window index.
    private var held: [Int: [Int: [Scalar]]] = [:]
    /// The window being read ahead, and where its result will be.
    private var pending: (window: Int, group: DispatchGroup, result: PrefetchResult<Scalar>)?

    init() {}

    /// The windows of an epoch over `m` examples in blocks of `blockSize`.
    init(windows: [[Int]], blockSize: Int, examples m: Int) {
        self.windows = windows
        self.blockSize = blockSize
        windowOfBlock = [Int](repeating: 0, count: m == 0 ? 0 : (m - 1) / blockSize + 1)
        for (index, window) in windows.enumerated() {
            for block in window { windowOfBlock[block] = index }
        }
    }

    /// The windows of `previous` still held whose blocks make up one of this epoch's windows,
    /// kept under their new index (a data set of one window is read once, not every epoch).
    mutating func keep(from previous: StreamWindows) {
        guard blockSize == previous.blockSize else { return }
        for (index, rows) in previous.held {
            let blocks = Set(previous.windows[index])
            if let same = windows.firstIndex(where: { $0.count == blocks.count && Set($0) == blocks }) { held[same] = rows }
        }
    }

    /// The window (of this epoch) holding example `index`.
    func window(of index: Int) -> Int { windowOfBlock[index / blockSize] }

    /// The rows of the block holding example `index` (example after example) and the example's
    /// place in its block; its row starts at place × n.
    /// - Precondition: its window is held.
    func row(of index: Int) -> (values: [Scalar], place: Int) {
        let block = index / blockSize
        guard let rows = held[windowOfBlock[block]]?[block] else { preconditionFailure("StreamWindows: example \(index) is not held") }
        return (rows, index - block * blockSize)
    }

    /// Holds window `window`: taken from the read ahead, or read now.
    mutating func ensure(_ window: Int, reading read: Reader) throws(ExampleStreamError) {
        guard held[window] == nil else { return }
        if let pending, pending.window == window {
            pending.group.wait()
            self.pending = nil
            held[window] = try pending.result.take()
        } else {
            held[window] = try read(windows[window], blockSize)
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
        let group = DispatchGroup(), result = PrefetchResult<Scalar>(), blocks = windows[window], size = blockSize
        DispatchQueue.global().async(group: group) {
            do throws(ExampleStreamError) { result.set(.success(try read(blocks, size))) } catch { result.set(.failure(error)) }
        }
        pending = (window, group, result)
    }
}

/// A window read on a background thread: written there, read after the group's wait.
final class PrefetchResult<Scalar: Sendable>: @unchecked Sendable {
    private var value: Result<[Int: [Scalar]], ExampleStreamError>?
    func set(_ result: Result<[Int: [Scalar]], ExampleStreamError>) { value = result }
    func take() throws(ExampleStreamError) -> [Int: [Scalar]] {
        guard let value else { preconditionFailure("PrefetchResult: taken before it was set") }
        return try value.get()
    }
}
