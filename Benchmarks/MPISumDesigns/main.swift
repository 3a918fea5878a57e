// The end of a W3 step ([784, 1024, 1024, 10], float32) on N processes of one host, three ways:
// summing the ranks' gradients (7.45 MB each) and applying the SGD update W -= lr * dW.
// A model outside training, to weigh designs (Benchmarks/mpi-sum-designs.sh):
//
// - allreduce: what `backprop train` does under mpirun (issue 16's design). dW(1) (1024 x 784)
//   and dW(2) (1024 x 1024) are each summed in place by one MPI_Allreduce, then the flat buffer
//   of the small ones (dW(3), the biases, the cost); then every rank updates all of its own W.
// - sharded: MPI_Reduce_scatter gives each rank the sum of its 1/N of each large gradient; it
//   updates that 1/N of W, and MPI_Allgatherv gathers W's parts on every rank (ZeRO-style; the
//   flat buffer as above).
// - shared: W and every rank's gradients in one MPI-3 shared window (MPI_Win_allocate_shared on
//   the host's ranks); after a barrier each rank updates its 1/N of the one W from the N
//   gradients, W -= lr * (dW_0 + ... + dW_{N-1}), then a barrier. This needs the backward pass
//   to write its gradients into the window and the forward pass to read W from it.
//
// Each repetition first rewrites this rank's gradients (as a backward pass leaves them), then
// meets the other ranks at a barrier, so that no rank waits for another inside the timed part.
// Prints rank 0's medians, and checks that the three designs' W agree at the end.
import COpenMPI
import CMPISumDesigns
#if canImport(Glibc)
import Glibc
#endif

/// The gradients' buffers: dW(1), dW(2), and the flat buffer of the rest.
let sizes = [1024 * 784, 1024 * 1024, 10 * 1024 + 1024 + 1024 + 10 + 1]
let total = sizes.reduce(0, +)
let repetitions = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 300
let learningRate: Float = 0.1, gradient: Float = 1e-3

MPI_Init(nil, nil)
let world = backprop_mpi_comm_world()
var rankValue: Int32 = 0, sizeValue: Int32 = 0
MPI_Comm_rank(world, &rankValue)
MPI_Comm_size(world, &sizeValue)
let rank = Int(rankValue), ranks = Int(sizeValue)
var host: MPI_Comm?
MPI_Comm_split_type(world, bench_mpi_comm_type_shared(), 0, bench_mpi_info_null(), &host)
var hostSize: Int32 = 0
MPI_Comm_size(host, &hostSize)
guard hostSize == sizeValue else {
    print("error: rank \(rank): \(hostSize) of the \(ranks) processes share this host; the model runs on one host")
    MPI_Abort(world, 2)
    exit(2)
}

/// `count` values, each `value`, in memory of this process.
func buffer(_ count: Int, _ value: Float) -> UnsafeMutablePointer<Float> {
    let values = UnsafeMutablePointer<Float>.allocate(capacity: count)
    values.initialize(repeating: value, count: count)
    return values
}

/// This rank's part of `count` values, as the training loop splits a batch.
func share(_ count: Int, of rank: Int) -> Range<Int> { (count * rank / ranks)..<(count * (rank + 1) / ranks) }

/// W -= lr * dW for `count` values.
func descend(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ count: Int) {
    for i in 0..<count { w[i] -= learningRate * g[i] }
}

/// MPI_Allreduce of `count` float32 values in place.
func allreduce(_ g: UnsafeMutablePointer<Float>, _ count: Int) {
    MPI_Allreduce(backprop_mpi_in_place(), g, Int32(count), backprop_mpi_float(), backprop_mpi_sum(), world)
}

let gradients = buffer(total, gradient)
let allreduceWeights = buffer(total, 1), shardedWeights = buffer(total, 1)

/// The design: one MPI_Allreduce per buffer, then (when `update`) every rank's update.
func allreduceDesign(update: Bool) {
    var offset = 0
    for count in sizes {
        allreduce(gradients + offset, count)
        offset += count
    }
    if update { descend(allreduceWeights, gradients, total) }
}

/// Sharded: each large gradient reduced and scattered (this rank's sum lands at the start of
/// its buffer), this rank's part of W updated, W's parts gathered; the flat buffer allreduced.
func shardedDesign() {
    var offset = 0
    for count in sizes.dropLast() {
        let parts = (0..<ranks).map { share(count, of: $0) }
        let counts = parts.map { Int32($0.count) }, starts = parts.map { Int32($0.lowerBound) }
        let w = shardedWeights + offset, mine = parts[rank]
        MPI_Reduce_scatter(backprop_mpi_in_place(), gradients + offset, counts, backprop_mpi_float(), backprop_mpi_sum(), world)
        descend(w + mine.lowerBound, gradients + offset, mine.count)
        MPI_Allgatherv(backprop_mpi_in_place(), 0, backprop_mpi_float(), w, counts, starts, backprop_mpi_float(), world)
        offset += count
    }
    allreduce(gradients + offset, sizes.last!)
    descend(shardedWeights + offset, gradients + offset, sizes.last!)
}

// Shared: rank 0 allocates W and the N gradients in one window; every rank maps it.
var window: MPI_Win?
var base: UnsafeMutableRawPointer?
MPI_Win_allocate_shared(MPI_Aint(rank == 0 ? (ranks + 1) * total * 4 : 0), 4, bench_mpi_info_null(), host, &base, &window)
var mappedBytes: MPI_Aint = 0, unit: Int32 = 0
MPI_Win_shared_query(window, 0, &mappedBytes, &unit, &base)
guard let base, mappedBytes == (ranks + 1) * total * 4 else {
    print("error: the shared window holds \(mappedBytes) bytes, not \((ranks + 1) * total * 4)")
    MPI_Abort(world, 1)
    exit(1)
}
let sharedWeights = base.assumingMemoryBound(to: Float.self)
let slots = (0..<ranks).map { sharedWeights + (1 + $0) * total }
if rank == 0 { sharedWeights.initialize(repeating: 1, count: total) }
let sum = buffer(4096, 0)

/// Shared: this rank's part of the one W updated from every rank's gradients, 4096 values at a
/// time (their sum in a small buffer that stays in L1), then a barrier.
func sharedDesign() {
    let part = share(total, of: rank)
    var start = part.lowerBound
    while start < part.upperBound {
        let count = min(4096, part.upperBound - start)
        sum.update(from: slots[0] + start, count: count)
        for slot in slots.dropFirst() {
            let values = slot + start
            for i in 0..<count { sum[i] += values[i] }
        }
        descend(sharedWeights + start, sum, count)
        start += count
    }
    MPI_Barrier(host)
}

/// Seconds `body` took, after this rank wrote its gradients (`into`) and met the others.
func timed(writing into: UnsafeMutablePointer<Float>, _ body: () -> Void) -> Double {
    into.update(repeating: gradient, count: total)
    MPI_Barrier(world)
    let start = MPI_Wtime()
    body()
    return MPI_Wtime() - start
}

var times: [[Double]] = [[], [], [], []]
for _ in 0..<repetitions {
    times[0].append(timed(writing: gradients) { allreduceDesign(update: false) })
    times[1].append(timed(writing: gradients) { allreduceDesign(update: true) })
    times[2].append(timed(writing: gradients) { shardedDesign() })
    times[3].append(timed(writing: slots[rank]) { sharedDesign() })
}
MPI_Barrier(world)
// Every design made the same additions of equal terms and the same updates: the same bits.
let disagreeing = (0..<total).filter { allreduceWeights[$0] != shardedWeights[$0] || allreduceWeights[$0] != sharedWeights[$0] }.count
if rank == 0 {
    let medians = times.map { $0.sorted()[$0.count / 2] * 1e3 }
    func ms(_ value: Double) -> String { "\((value * 1000).rounded() / 1000) ms" }
    print("\(ranks) processes, \(total) float32 gradients (\((Double(total * 4) / 1e4).rounded() / 100) MB), SGD; medians of \(repetitions):")
    print("  allreduce  the 3 MPI_Allreduce \(ms(medians[0])); with every process's update of W \(ms(medians[1]))")
    print("  sharded    MPI_Reduce_scatter, 1/\(ranks) of W each, MPI_Allgatherv \(ms(medians[2]))")
    print("  shared     1/\(ranks) of the one W each, from the \(ranks) gradients; a barrier \(ms(medians[3]))")
    print("  shared / allreduce with its update: \((medians[3] / medians[1] * 100).rounded() / 100)x the time")
}
if disagreeing > 0 { print("error: rank \(rank): \(disagreeing) values of W differ between the designs") }
MPI_Win_free(&window)
MPI_Finalize()
exit(disagreeing > 0 ? 1 : 0)
