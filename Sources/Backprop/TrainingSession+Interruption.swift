import Foundation

/// What a training session does when SIGINT or SIGTERM arrives (``BackpropIO/Interruption``):
/// training runs inside ``BackpropIO/Interruption/deferring(_:)``, so the signal is only
/// recorded; the session looks at it after every step.
///
/// - A step in the middle of a mini-batch epoch is abandoned after it: the parameters of a
///   partial epoch cannot be resumed exactly, so the last checkpoint (if any) is kept.
/// - At the end of an epoch (after every step of full-batch training), a checkpoint is written
///   when checkpoints were asked for (`--checkpoint-every`), whatever the interval, and
///   `--resume` from it ends with the same parameters as an uninterrupted run.
///
/// Either way the run ends with one `error: interrupted by SIGINT at iteration I (epoch E); …`
/// line saying what was kept, and exit status 130. The model itself is not saved: a partly
/// trained model is not the one asked for.
struct SessionInterruption {
    /// Where training stopped: the iterations and epochs done.
    var iteration: Int, epoch: Int
    /// The checkpoint written at the stop, if any.
    var checkpoint: String?
    /// The iteration of the last checkpoint written before, if any.
    var lastCheckpoint: Int?

    /// Whether a signal asks training to stop after the step `item` (of `batchesPerEpoch`
    /// mini-batches per epoch): in the middle of an epoch; at its end, ``atEpochEnd()`` decides.
    static func isDueMidEpoch(batch: Int, batchesPerEpoch: Int) -> Bool {
        Interruption.received != nil && batch < batchesPerEpoch - 1
    }

    /// Whether a signal asks training to stop at this epoch's end.
    static var isDue: Bool { Interruption.received != nil }

    /// The error that ends the command.
    var error: BackpropError {
        let signal = Interruption.received.map(Interruption.name(of:)) ?? "a signal"
        var message = "interrupted by \(signal) at iteration \(iteration) (epoch \(epoch)); "
        var hint: String
        if let checkpoint {
            message += "checkpoint written to \(checkpoint)"
            hint = "continue with the same command and --resume \(checkpoint)"
        } else if let lastCheckpoint {
            message += "mid-epoch: the checkpoint of iteration \(lastCheckpoint) is kept"
            hint = "continue with the same command and --resume (the checkpoint file)"
        } else {
            message += "nothing saved"
            hint = "give --checkpoint-every N to be able to resume an interrupted run"
        }
        var error = BackpropError(.io, message, hint: hint)
        error.isInterruption = true
        return error
    }
}
