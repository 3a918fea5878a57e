import ArgumentParser

/// The files `backprop train` writes (the model, the plots, the log, checkpoints) and the
/// checkpoint it resumes from.
struct TrainingOutputs: ParsableArguments {
    @Option(help: ArgumentHelp("Save the model (safetensors, PyTorch-loadable).", valueName: "FILE"))
    var save: String = "backprop-model.safetensors"
    @Flag(help: "Do not save the model.")
    var noSave = false
    @Option(help: ArgumentHelp("Cost-curve plot, .svg or .png.", valueName: "FILE"))
    var plot: String = "backprop-cost.svg"
    @Option(help: ArgumentHelp("Decision-boundary plot for 2-feature data, .svg or .png (default for built-in data: backprop-boundary.svg).", valueName: "FILE"))
    var boundary: String?
    @Flag(help: "Do not write the plots.")
    var noPlot = false
    @OptionGroup
    var plotSize: PlotSizeArguments
    @Option(help: ArgumentHelp("Write a JSON-lines log: every iteration's cost at full precision and elapsed seconds, then the accuracies.", valueName: "FILE"))
    var log: String?
    @Option(parsing: .number, help: "Write a checkpoint every N iterations (model + optimiser state), to --checkpoint.", transform: NumberArgument.whole("--checkpoint-every"))
    var checkpointEvery: Int?
    @Option(help: ArgumentHelp("Checkpoint file for --checkpoint-every.", valueName: "FILE"))
    var checkpoint: String = "backprop-checkpoint.safetensors"
    @Option(help: ArgumentHelp("Continue from a checkpoint, with its run's settings: options left out are taken from it, options given must match it, and so must the data.", valueName: "FILE"))
    var resume: String?

    /// Where the model goes; nil with `--no-save`.
    var modelPath: String? { noSave ? nil : save }

    /// Where the cost plot goes; nil with `--no-plot`.
    var plotPath: String? { noPlot ? nil : plot }

    /// Where the decision boundary goes: `--boundary`, else `backprop-boundary.svg` for
    /// built-in data unless `--no-plot`; nil for none.
    func boundaryPath(builtInData: Bool) -> String? {
        boundary ?? (!noPlot && builtInData ? "backprop-boundary.svg" : nil)
    }
}
