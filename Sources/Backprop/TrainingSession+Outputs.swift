extension TrainingSession {
    /// Fails before any work when an output cannot become a file (``OutputPaths/check(_:_:extensions:)``):
    /// the model (`--save`), the plots (`--plot`, `--boundary`: `.svg` or `.png`), the log
    /// (`--log`) and, with `--checkpoint-every`, the checkpoint (`--checkpoint`). A path that is
    /// a folder, a missing folder or a plot of another extension is bad input; a folder in
    /// which no file can be created, I/O.
    func checkOutputs() throws(BackpropError) {
        let plot = ["svg", "png"]
        try OutputPaths.check("--save", modelPath, example: "model.safetensors")
        try OutputPaths.check("--plot", plotPath, extensions: plot, example: "cost.svg")
        try OutputPaths.check("--boundary", boundaryPath, extensions: plot, example: "boundary.svg")
        try OutputPaths.check("--log", logPath, example: "train.jsonl")
        try OutputPaths.check("--checkpoint", configuration.checkpointEvery == nil ? nil : configuration.checkpointPath,
                              example: "checkpoint.safetensors")
    }
}
