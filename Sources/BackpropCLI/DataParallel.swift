import ArgumentParser
import Backprop
import Foundation
#if MPI
import BackpropMPI
#endif

/// `mpirun -np N backprop train …`: the processes of an MPI job, when the tool was built with
/// the MPI trait and started by `mpirun` (no flag needed); rank 0 prints and writes the
/// outputs, the other ranks train silently.
enum DataParallel {
    #if MPI
    nonisolated(unsafe) private static var reducer: MPIReducer?
    /// The reducer's seconds and bytes when training ended (``trainingEnded()``), before the
    /// final evaluation's sum and its wait for the slowest rank.
    nonisolated(unsafe) private static var trained: (seconds: Double, bytes: Int)?
    #endif

    /// Stops a `backprop train` that `mpirun` started as one of several processes when this
    /// build has no MPI (the `MPI` package trait): each process would train alone on every
    /// example and write the same files. Rank 0 says why; the other ranks stop silently with the
    /// same status. Nothing is read or written before. A no-op in a build with MPI, and for
    /// one process.
    ///
    /// - Throws: `BackpropError` (`.unsupported`) on rank 0, `ExitCode` (3) on the others.
    static func refuseWithoutMPI() throws {
        #if !MPI
        guard let launch, launch.processes > 1 else { return }
        let category = BackpropError.Category.unsupported
        guard launch.rank == 0 else { throw ExitCode(category.exitCode) }
        throw BackpropError(category, "mpirun started \(launch.processes) processes, but this backprop was built without MPI: each would train alone",
                            hint: "build it with `swift build -c release --traits MPI` (Open MPI installed; README, \"Training on several processes\"), or run one process")
        #endif
    }

    #if !MPI
    /// The number of processes an MPI launcher started and this one's rank among them, read
    /// from the environment: Open MPI's `OMPI_COMM_WORLD_SIZE` and `OMPI_COMM_WORLD_RANK`, or
    /// MPICH's `PMI_SIZE` and `PMI_RANK`; nil when neither launcher started this process. Only
    /// a build without MPI asks (a build with MPI asks `MPIReducer.isLaunchedByMPI`, which also
    /// knows PMIx launchers, then MPI itself).
    private static var launch: (processes: Int, rank: Int)? {
        let environment = ProcessInfo.processInfo.environment
        for (size, rank) in [("OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK"), ("PMI_SIZE", "PMI_RANK")] {
            if let processes = environment[size].flatMap({ Int($0) }) { return (processes, environment[rank].flatMap { Int($0) } ?? 0) }
        }
        return nil
    }
    #endif

    /// Joins the MPI job this process belongs to, if any: the reducer, or nil for one process.
    ///
    /// - Throws: `BackpropError` (`.io`) when MPI cannot start.
    static func join() throws(BackpropError) -> (any GradientReducer)? {
        #if MPI
        guard MPIReducer.isLaunchedByMPI else { return nil }
        do { reducer = try MPIReducer() } catch {
            throw BackpropError(.io, error.description, hint: "check the MPI installation (`mpirun --version`) and the launch command")
        }
        if reducer!.rank != 0 { Terminal.muted = true }
        return reducer
        #else
        return nil
        #endif
    }

    /// "Processes: N (MPI); rank 0 spent … ms per step in MPI_Allreduce (… MB summed per step)"
    /// for the summary, and when the features were streamed "; rank 0 read B bytes of features"
    /// (its shares of the batches and of the final evaluation); nil for one process. Per step:
    /// over the `steps` this run trained (a step sums its large gradients in their own calls),
    /// counting the sums made until training ended.
    static func summary(steps: Int, featureBytesRead: Int?) -> String? {
        #if MPI
        guard let reducer, reducer.sums > 0, steps > 0 else { return nil }
        let (seconds, bytes) = trained ?? (reducer.seconds, reducer.bytes)
        let perStep = seconds / Double(steps) * 1000, megabytes = Double(bytes) / Double(steps) / 1e6
        return "Processes: \(reducer.processCount) (MPI); rank 0 spent \(String(format: "%.3f", perStep)) ms per step in MPI_Allreduce "
            + "(\(String(format: "%.3f", megabytes)) MB summed per step)" + (featureBytesRead.map { "; rank 0 read \($0) bytes of features" } ?? "")
        #else
        return nil
        #endif
    }

    /// Notes the reducer's totals when training ends, so that the summary's per-step figures
    /// leave out the final evaluation.
    static func trainingEnded() {
        #if MPI
        if let reducer { trained = (reducer.seconds, reducer.bytes) }
        #endif
    }

    /// Ends this process's part of the job: `MPI_Finalize` after success; after an error,
    /// `MPI_Abort` with its status so that every rank stops (never returns then).
    static func end(status: Int32) {
        #if MPI
        guard let reducer else { return }
        if status == 0 { reducer.finish() } else { reducer.abort(status: status) }
        #endif
    }
}
