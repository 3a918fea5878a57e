import ArgumentParser
import Backprop

/// `backprop inspect`: what a model, HDF5 or data file holds.
struct Inspect: BudgetedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a model file (architecture, parameters, metadata), an HDF5 file (its tree) or a data file.",
        discussion: """
            Examples:
              backprop inspect backprop-model.safetensors
              backprop inspect ../shared/data/train_catvnoncat.h5
              backprop inspect train_x.npy
              backprop inspect iris.csv --label-column species
            """)

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Argument(help: ArgumentHelp("A .safetensors model or checkpoint, an .h5 file, a .npy array, or a data file.", valueName: "FILE"))
    var file: String
    @OptionGroup(title: "CSV data files")
    var csv: CSVArguments

    func run() throws {
        Terminal.out(try FileInspection.describe(file, csv: try csv.options()))
    }
}

/// `backprop export`: one HDF5 dataset to a NumPy file.
struct Export: BudgetedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one dataset of an HDF5 file as a NumPy .npy file (same shape, type and byte order).",
        discussion: """
            Example:
              backprop export ../shared/data/train_catvnoncat.h5 train_set_x --to train_x.npy
              python3 -c "import numpy; print(numpy.load('train_x.npy').shape)"
            """)

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Argument(help: ArgumentHelp("The HDF5 file.", valueName: "FILE.h5"))
    var file: String
    @Argument(help: ArgumentHelp("The dataset's path inside the file (see `backprop inspect FILE.h5`).", valueName: "DATASET"))
    var dataset: String
    @Option(help: ArgumentHelp("The .npy file to write.", valueName: "OUT.npy"))
    var to: String

    func run() throws {
        Terminal.out(try DataExport.exportHDF5(file: file, dataset: dataset, to: to))
    }
}

/// `backprop plot`: redraws the cost curve from a training log.
struct Plot: BudgetedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the cost curve of a `backprop train --log` file as SVG or PNG.",
        discussion: """
            The plot is the one `backprop train --plot` draws: titled with the learning rate the log \
            records, mini-batch costs smoothed over their faint raw curve, and the test cost when \
            the log has it.

            Example:
              backprop train --log run.jsonl --no-plot
              backprop plot run.jsonl --to cost.png --log-scale
            """)

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Argument(help: ArgumentHelp("The JSON-lines log written by `backprop train --log`.", valueName: "LOG"))
    var log: String
    @Option(help: ArgumentHelp("The plot to write, .svg or .png.", valueName: "FILE"))
    var to: String
    @Flag(help: "Logarithmic cost axis (default: chosen from the range of the costs).")
    var logScale = false
    @Option(help: "The chart's title (default: the learning rate and optimiser the log records, as `train --plot` titles it).")
    var title: String?
    @OptionGroup
    var plotSize: PlotSizeArguments

    func run() throws {
        try InputPaths.check(log, expecting: "a training log")
        try OutputPaths.check("--to", to, extensions: ["svg", "png"], example: "cost.svg")
        let entries = try TrainingLog.read(log)
        let history = TrainingLog.costHistory(entries)
        let title = title ?? CostPlot.title(settings: TrainingLog.settings(entries))
        try CostPlot.write(history, title: title, logScale: logScale ? true : nil, size: try plotSize.size(), to: to)
        Terminal.out("wrote \(to): \(history.train.count) costs" + (history.test.isEmpty ? "" : ", \(history.test.count) test costs"))
    }
}

/// `backprop convert`: a data set from one format to another.
struct Convert: BudgetedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a data set between formats: read .h5/.npz/.npy/.csv/MNIST/image folders/built-in, write .npz, .csv, .h5 or a .npy pair.",
        discussion: """
            Examples:
              backprop convert ../shared/data/train_catvnoncat.h5 cats.npz
              backprop convert spirals spirals.csv
              backprop convert train-images-idx3-ubyte.gz mnist-train.npz
              backprop convert data.npz data.csv
              backprop convert iris.csv iris.npz --label-column species
              backprop convert photos/ my_cats.h5     (the course's .h5 layout)
              backprop convert big.h5 big_x.npy       (big_x.npy + big_y.npy, copied
                                                       a piece at a time for --stream)
            """)

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Argument(help: ArgumentHelp("The data to read.", valueName: "IN"))
    var input: String
    @Argument(help: ArgumentHelp("The file to write (.npz, .csv, .h5/.hdf5 in the course's layout, or NAME_x.npy with NAME_y.npy beside it).", valueName: "OUT"))
    var output: String
    @OptionGroup(title: "Data files")
    var dataFile: DataFileArguments

    func run() throws {
        Terminal.out(try DataExport.convert(input, to: output, x: dataFile.x, y: dataFile.y, csv: try dataFile.csv.options()))
    }
}
