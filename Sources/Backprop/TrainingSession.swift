import Foundation

/// What a training session tells the tool while it runs.
public enum TrainingSessionEvent: Sendable {
    /// The data are loaded: the training set and the test set (if any).
    case loaded(train: Dataset<Double>, test: Dataset<Double>?)
    /// The training features are streamed from disk (`StreamedDataset`), and why (`--stream`,
    /// or a file larger than the memory limit); the test set is in memory.
    case streaming(train: StreamedDataset, test: Dataset<Double>?, reason: String)
    /// Training starts: the architecture, its parameter count, the options (the seed
    /// included), the precision, the initialiser, and the iteration it starts from (non-zero
    /// when resumed).
    case started(architecture: NetworkArchitecture, options: TrainingOptions, precision: TrainingConfiguration.Precision,
                 initializer: Initializer, totalIterations: Int, resumedAt: Int)
    /// How the first layer is trained, and why (`FirstLayerStrategy`).
    case firstLayer(strategy: FirstLayerStrategy, reason: String)
    /// `--resume`: the checkpoint, and the settings taken from it that differ from what the
    /// command line alone would have used (``TrainingConfiguration/resuming(from:file:)``), as
    /// options: `["--standardize", "--learning-rate 0.0075"]`.
    case resumed(path: String, taken: [String])
    /// Something the session did on its own that the user should know: a checkpoint too old
    /// to record its settings or its data, which could then not be checked.
    case warning(String)
    /// One iteration ran.
    case progress(TrainingProgress)
    /// A checkpoint was written after `iteration` iterations.
    case checkpoint(path: String, iteration: Int)
    /// Training ended after `iterations` iterations (counted from the start, a resumed run's
    /// included) and `elapsed` seconds of this run; the final evaluation follows.
    case trained(iterations: Int, elapsed: Double)
}

/// The outcome of a training session.
public struct TrainingSummary: Sendable {
    /// The trained model (with its info: class names, settings, metrics).
    public var model: SavedModel
    /// Iterations run in total (resumed ones included).
    public var iterations: Int
    /// Iterations run in this process (0 when a resumed run had nothing left to do).
    public var iterationsThisRun: Int
    /// Every recorded (iteration, cost), resumed ones included.
    public var costs: [(iteration: Int, cost: Double)]
    /// The cost on the test data after (iteration) updates, where evaluated in this process.
    public var testCosts: [(iteration: Int, cost: Double)]
    /// Cost and accuracy on the training data.
    public var train: EvaluationMetrics
    /// Correctly classified training examples and their number.
    public var trainCorrect: (correct: Int, total: Int)?
    /// Cost and accuracy on the test data, when given.
    public var test: EvaluationMetrics?
    /// Correctly classified test examples and their number.
    public var testCorrect: (correct: Int, total: Int)?
    /// Seconds spent training in this process.
    public var elapsed: Double
    /// Why training ended.
    public var stopReason: StopReason
    /// The bytes of training features this process read from disk, training and evaluating,
    /// when they were streamed (nil in memory).
    public var featureBytesRead: Int? = nil
}

/// One `backprop train` run: loads the data, builds (or resumes) the network, trains it with
/// progress, log lines and checkpoints, evaluates it, and saves the model and the plot.
///
/// The tool only parses arguments into a ``TrainingConfiguration`` and prints the events; all
/// the work is here.
public struct TrainingSession: Sendable {
    /// The settings.
    public var configuration: TrainingConfiguration
    /// Where the model goes (`--save`); nil: not saved.
    public var modelPath: String?
    /// Where the cost plot goes (`--plot`); nil: no plot.
    public var plotPath: String?
    /// Where the JSON-lines log goes (`--log`); nil: no log.
    public var logPath: String?
    /// Where the decision-boundary plot goes (`--boundary`, 2-feature data only); nil: none.
    public var boundaryPath: String?
    /// The size of both plots (`--plot-size`); nil: each plot's default.
    public var plotSize: PlotSize?
    /// The processes training together (`mpirun -np N backprop train`, `GradientReducer`); nil:
    /// this one alone. Only rank 0 writes checkpoints (the CLI gives the other ranks no outputs).
    public var reducer: (any GradientReducer)?

    /// A session.
    public init(configuration: TrainingConfiguration, modelPath: String?, plotPath: String?, logPath: String?, boundaryPath: String? = nil,
                plotSize: PlotSize? = nil) {
        self.configuration = configuration
        self.plotSize = plotSize
        self.boundaryPath = boundaryPath
        self.modelPath = modelPath
        self.plotPath = plotPath
        self.logPath = logPath
    }

    /// Runs the session, reporting events to `report`.
    ///
    /// Outputs that cannot become files (`checkOutputs()`) and a missing `--resume` file are
    /// refused before the data are loaded. With ``TrainingConfiguration/resumePath`` the
    /// checkpoint's settings fill in the options not given, and given options or data that
    /// differ from the checkpoint's are refused.
    ///
    /// - Throws: ``BackpropError``: bad data or options (`.badInput`/`.usage`; on resume also a
    ///   setting or data that differ from the checkpoint's), divergence
    ///   (`.divergence`, naming the iteration and layer; the last checkpoint is kept), files
    ///   that cannot be read or written.
    public func run(report: (TrainingSessionEvent) -> Void = { _ in }) throws(BackpropError) -> TrainingSummary {
        try checkOutputs()
        if let resume = configuration.resumePath { try InputPaths.check(resume, expecting: "a checkpoint") }
        var session = self
        let checkpoint = try configuration.resumePath.map { path throws(BackpropError) in try Checkpoint.load(path) }
        var taken: [String] = []
        if let checkpoint, let settings = checkpoint.settings {
            (session.configuration, taken) = try configuration.resuming(from: settings, file: checkpoint.path)
        }
        let (train, test) = try session.loadSource(report: report)
        if let checkpoint { try Self.checkData(of: checkpoint, train: train, report: report) }
        let resuming = checkpoint.map { (checkpoint: $0, taken: taken) }
        switch session.configuration.precision {
        case .float32: return try session.run(Float.self, train: train, test: test, resuming: resuming, report: report)
        case .float64: return try session.run(Double.self, train: train, test: test, resuming: resuming, report: report)
        }
    }

    /// The training data, loaded or streamed (``streamingReason(elementSize:)``), and the test data.
    private func loadSource(report: (TrainingSessionEvent) -> Void) throws(BackpropError) -> (SessionSource, Dataset<Double>?) {
        let elementSize = configuration.precision == .float32 ? 4 : 8
        guard let reason = try streamingReason(elementSize: elementSize) else {
            let (train, test) = try loadData()
            report(.loaded(train: train, test: test))
            return (.memory(train), test)
        }
        let train: StreamedDataset
        do { train = try StreamedDataset.open(path: configuration.data, options: configuration.loadOptions) } catch { throw BackpropError(error) }
        do { try train.labelsOnly.checkTrainingLabels() } catch { throw BackpropError(error) }
        let test = try loadTest(featureCount: train.featureCount)
        report(.streaming(train: train, test: test, reason: reason))
        return (.streamed(train), test)
    }

    /// The training data and the test data (if any).
    ///
    /// - Throws: ``BackpropError`` for data that cannot be read or cannot train, and test data
    ///   with another feature count.
    private func loadData() throws(BackpropError) -> (train: Dataset<Double>, test: Dataset<Double>?) {
        let config = configuration
        let train = try Dataset<Double>.load(source: config.data, x: config.x, y: config.y, seed: config.seed, csv: config.csv)
        guard train.count > 0 else {
            throw BackpropError(.badInput, "\(train.source) holds no examples", hint: "give a data file with at least one example")
        }
        do { try train.checkTrainingLabels() } catch { throw BackpropError(error) }  // classes without a gap, one-hot labels in budget
        return (train, try loadTest(featureCount: train.featureCount))
    }

    /// The test data (`--test`, or the built-in data's held-out set), if any.
    ///
    /// - Throws: ``BackpropError`` for test data that cannot be read or has another feature count.
    private func loadTest(featureCount: Int) throws(BackpropError) -> Dataset<Double>? {
        let config = configuration
        var test: Dataset<Double>?
        if let path = config.test {
            test = try Dataset<Double>.load(source: path, seed: config.seed &+ 1, csv: config.csv)
        } else if let builtIn = Dataset<Double>.builtIn(config.data, seed: config.seed &+ 1) {
            test = builtIn
            test?.source += ", held out"
        }
        if let test, test.featureCount != featureCount {
            throw BackpropError(.badInput, "\(test.source) has \(test.featureCount) features per example, the training data \(featureCount)",
                                hint: "give --test data of the same kind as --data")
        }
        return test
    }

    /// Refuses to resume `checkpoint` on other data than its run's (``DataFingerprint``), and
    /// warns about what an older checkpoint does not record.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming `--data` and what differs.
    private static func checkData(
        of checkpoint: SavedCheckpoint, train source: SessionSource, report: (TrainingSessionEvent) -> Void
    ) throws(BackpropError) {
        if let saved = checkpoint.data {
            if let difference = try source.fingerprint().difference(from: saved) {
                throw BackpropError(.badInput, "--data \(source.source): \(difference)",
                                    hint: "resume on the data the checkpoint was trained on, or start a new run without --resume")
            }
        } else {
            report(.warning("\(checkpoint.path) does not record its training data (an older checkpoint): the data could not be checked"))
        }
        if checkpoint.settings == nil {
            report(.warning("\(checkpoint.path) does not record its run's settings (an older checkpoint): they could not be checked; give the interrupted run's options"))
        }
    }

    private func run<T: MatrixScalar>(
        _: T.Type, train: SessionSource, test: Dataset<Double>?, resuming: (checkpoint: SavedCheckpoint, taken: [String])?,
        report: (TrainingSessionEvent) -> Void
    ) throws(BackpropError) -> TrainingSummary {
        let config = configuration, checkpoint = resuming?.checkpoint
        var resolved = try config.resolve(trainingData: train)
        resolved.options.blockShuffle = config.blockShuffle ?? (train.inMemory != nil || readsShares ? nil
            : TrainingConfiguration.defaultBlockShuffle(features: train.featureCount, elementSize: MemoryLayout<T>.stride))
        if let resuming {
            if let settings = resuming.checkpoint.settings { try config.checkResumed(resolved, against: settings) }
            report(.resumed(path: resuming.checkpoint.path, taken: resuming.taken))
        }
        try config.checkMemory(resolved, examples: train.count, elementSize: MemoryLayout<T>.stride)
        if let threads = config.threads { BackpropThreads.count = threads }
        let scaler = train.inMemory.flatMap { self.scaler($0, checkpoint: checkpoint) }
        // Only rank 0 writes checkpoints, so only it fingerprints the data for them.
        let writesCheckpoints = config.checkpointEvery != nil && (reducer?.rank ?? 0) == 0
        let data = SessionData<T>(train: train, test: test, scaler: scaler, fingerprint: writesCheckpoints ? try train.fingerprint() : nil,
                                  blocks: resolved.options.blockShuffle)
        var info = ModelInfo(classNames: train.classNames, inputShape: train.inputShape, scaler: scaler,
                             training: config.record(resolved))
        var (network, state, costs) = try startingPoint(T.self, resolved: resolved, checkpoint: checkpoint)
        let resumedAt = state?.iteration ?? 0
        var history = CostHistory(train: costs, perBatch: resolved.iterationsPerEpoch > 1)
        report(.started(architecture: resolved.architecture, options: resolved.options, precision: config.precision,
                        initializer: config.initializer, totalIterations: resolved.totalIterations, resumedAt: resumedAt))
        let (strategy, reason) = try firstLayer(options: resolved.options, input: data.input, resuming: state)
        resolved.options.firstLayer = strategy
        resolved.options.validationInterval = Self.validationInterval(resolved, strategy: strategy)
        report(.firstLayer(strategy: strategy, reason: reason))
        let log = try logPath.map { path throws(BackpropError) in try TrainingLog(path: path, append: config.resumePath != nil) }
        log?.start(firstLayer: strategy, reason: reason, settings: settings(resolved))
        // Restarted when the loop is ready to step (TrainingEvent.started: every process has its first examples, and they have met).
        let clock = SessionClock()
        let outcome = try Interruption.deferring { () throws(BackpropError) in
            try trainNetwork(&network, data: data, resolved: resolved, resumingFrom: state, info: info,
                             history: &history, log: log, clock: clock, report: report)
        }
        state = outcome.state
        let elapsed = clock.seconds()
        report(.trained(iterations: state?.iteration ?? 0, elapsed: elapsed))
        let (trainMetrics, trainCorrect) = try evaluate(network, data.input, data.labels)
        let (testMetrics, testCorrect) = try data.validation.map { v throws(BackpropError) in try evaluate(network, .matrix(v.X), v.labels) }
            ?? (nil, nil)
        log?.final(iterations: state?.iteration ?? 0, train: trainMetrics, test: testMetrics, elapsed: elapsed)
        info.record(train: trainMetrics, test: testMetrics, iterations: state?.iteration ?? 0)
        let saved = try save(TrainedModel(network: network, info: info), history: history, resolved: resolved, train: train.inMemory)
        return TrainingSummary(model: saved, iterations: state?.iteration ?? 0, iterationsThisRun: (state?.iteration ?? 0) - resumedAt,
                               costs: history.train, testCosts: history.test, train: trainMetrics,
                               trainCorrect: trainCorrect, test: testMetrics, testCorrect: testCorrect,
                               elapsed: elapsed, stopReason: outcome.stopReason, featureBytesRead: data.bytesRead)
    }

    /// Epochs between two held-out costs: about 200 in a run (every epoch of mini-batches), or,
    /// with the first layer in Gram space, only at the printed iterations: there each
    /// evaluation builds W(1) (n_1 × n_x) from its coefficients, which costs more than a Gram
    /// step (recording 200 held-out costs made the course's cat model 6 times slower).
    static func validationInterval(_ resolved: ResolvedTraining, strategy: FirstLayerStrategy) -> Int {
        let perEpoch = max(1, resolved.iterationsPerEpoch)
        let spread = resolved.options.epochs / 200
        return max(1, strategy == .gram ? max(spread, resolved.printEvery / perEpoch) : spread)
    }

    /// The feature scaling asked for (``TrainingConfiguration/scaling``), fitted on the training
    /// data only; a resumed run keeps its checkpoint's statistics. Nil: none.
    private func scaler(_ train: Dataset<Double>, checkpoint: SavedCheckpoint?) -> FeatureScaler? {
        configuration.scaling.map { kind in
            checkpoint?.model.info.scaler.flatMap { $0.kind == kind ? $0 : nil } ?? FeatureScaler(fitting: train.X, kind: kind)
        }
    }

    /// The first layer's strategy (`--first-layer`, or chosen for the run) and why.
    ///
    /// - Throws: ``BackpropError`` `.usage` when the asked-for strategy cannot train this run,
    ///   saying why.
    private func firstLayer<T: MatrixScalar>(
        options: TrainingOptions, input: SessionInput<T>, resuming state: TrainingState<T>?
    ) throws(BackpropError) -> (FirstLayerStrategy, String) {
        if let reducer {
            do { return try FirstLayerStrategy.split(asked: options.firstLayer, across: reducer) } catch {
                throw BackpropError(.usage, "--first-layer \(error.value): expected \(error.expected)",
                                    hint: "use --first-layer auto (the default) to let training choose")
            }
        }
        guard case .matrix(let X) = input else {
            guard options.firstLayer == nil || options.firstLayer == .plain else {
                throw BackpropError(.usage, "--first-layer \(options.firstLayer!.rawValue): expected plain or auto with streamed data",
                                    hint: "use --first-layer auto (the default) to let training choose")
            }
            return (.plain, "the data are streamed")
        }
        do {
            return try FirstLayerStrategy.resolve(asked: options.firstLayer, options: options, input: X, resuming: state)
        } catch {
            // error.expected: "a strategy that can train this run: <why not>".
            throw BackpropError(.usage, "--first-layer \(error.value): expected \(error.expected)",
                                hint: "use --first-layer auto (the default) to let training choose")
        }
    }

    /// The network to start from and, when resuming, the checkpoint's state and costs.
    private func startingPoint<T: MatrixScalar>(
        _: T.Type, resolved: ResolvedTraining, checkpoint saved: SavedCheckpoint?
    ) throws(BackpropError) -> (Network<T>, TrainingState<T>?, [(iteration: Int, cost: Double)]) {
        guard let saved else {
            do {
                let parameters: Parameters<T> = try configuration.initializer.parameters(layerDims: resolved.architecture.layerDims, seed: configuration.seed)
                return (try Network(architecture: resolved.architecture, parameters: parameters), nil, [])
            } catch {
                throw BackpropError(error)
            }
        }
        let checkpoint = try saved.restore(optimizer: resolved.options.optimizer, as: T.self)
        guard checkpoint.model.network.architecture == resolved.architecture else {
            throw BackpropError(.badInput, "\(saved.path) holds a network \(checkpoint.model.network.architecture.layerDims) with other layers or loss than this run's \(resolved.architecture.layerDims)",
                                hint: "resume with the same command line the checkpoint was written by")
        }
        return (checkpoint.model.network, checkpoint.state, checkpoint.costs)
    }

    /// Trains in one run of `BackpropNN/Network/train(X:labels:validation:options:resumingFrom:reducer:observer:)`:
    /// every reported iteration is logged and reported, and with `--checkpoint-every` a
    /// checkpoint is written from the epoch report's state at the epoch that reaches each
    /// interval, and at the end.
    private func trainNetwork<T: MatrixScalar>(
        _ network: inout Network<T>, data: SessionData<T>, resolved: ResolvedTraining, resumingFrom state: TrainingState<T>?,
        info: ModelInfo, history: inout CostHistory, log: TrainingLog?, clock: SessionClock,
        report: (TrainingSessionEvent) -> Void
    ) throws(BackpropError) -> (state: TrainingState<T>?, stopReason: StopReason) {
        let startIteration = state?.iteration ?? 0, architecture = network.architecture
        let epochsPerCheckpoint = configuration.checkpointEvery.map { max(1, $0 / resolved.iterationsPerEpoch) }
        var checkpointError: BackpropError?
        var checkpointed = -1
        var interruption: SessionInterruption?
        var readBeforeStart = 0   // the first window's bytes, read before the clock (re)starts
        func checkpoint(_ network: Network<T>, _ state: TrainingState<T>) throws(BackpropError) {
            guard epochsPerCheckpoint != nil, state.iteration != checkpointed, (reducer?.rank ?? 0) == 0 else { return }
            try Checkpoint.write(model: TrainedModel(network: network, info: info), state: state, costs: history.train, data: data.fingerprint,
                                  to: configuration.checkpointPath)
            checkpointed = state.iteration
            report(.checkpoint(path: configuration.checkpointPath, iteration: state.iteration))
        }
        let result: TrainingResult<T>
        do {
            result = try data.train(&network, options: resolved.options, resumingFrom: state, reducer: reducer) { event in
                switch event {
                case .started:
                    clock.restart()
                    readBeforeStart = data.bytesRead ?? 0
                case .iteration(let item):
                    let progress = self.progress(item, resolved: resolved, startIteration: startIteration, elapsed: clock.seconds(),
                                                 bytesRead: data.bytesRead.map { $0 - readBeforeStart })
                    history.train.append((item.iteration, progress.cost))
                    log?.cost(iteration: item.iteration, epoch: item.epoch, cost: progress.cost, elapsed: progress.elapsed)
                    report(.progress(progress))
                    if SessionInterruption.isDueMidEpoch(batch: item.batch, batchesPerEpoch: resolved.iterationsPerEpoch) {
                        interruption = SessionInterruption(iteration: item.iteration + 1, epoch: item.epoch,
                                                           lastCheckpoint: checkpointed < 0 ? nil : checkpointed)
                        return .stop
                    }
                case .epoch(let epoch):
                    if let test = epoch.validation {
                        history.test.append((epoch.iterations, test.cost))
                        log?.test(iteration: epoch.iterations, epoch: epoch.epoch, metrics: test, elapsed: clock.seconds())
                    }
                    let stopping = SessionInterruption.isDue
                    guard let every = epochsPerCheckpoint,
                          stopping || epoch.state.epoch % every == 0 || epoch.state.epoch == resolved.options.epochs else {
                        if stopping { interruption = SessionInterruption(iteration: epoch.state.iteration, epoch: epoch.state.epoch) }
                        return stopping ? .stop : .continue
                    }
                    do throws(BackpropError) {
                        try checkpoint(try Self.network(architecture, epoch.parameters), epoch.state)
                    } catch {
                        checkpointError = error
                        return .stop
                    }
                    if stopping {
                        interruption = SessionInterruption(iteration: epoch.state.iteration, epoch: epoch.state.epoch,
                                                           checkpoint: configuration.checkpointPath)
                        return .stop
                    }
                }
                return .continue
            }
        } catch {
            throw BackpropError(error)
        }
        if let checkpointError { throw checkpointError }
        if let interruption { throw interruption.error }
        try checkpoint(network, result.state)
        return (result.state, result.stopReason)
    }

    /// The network of `architecture` with `parameters` (of that architecture's shapes).
    private static func network<T: MatrixScalar>(
        _ architecture: NetworkArchitecture, _ parameters: Parameters<T>
    ) throws(BackpropError) -> Network<T> {
        do { return try Network(architecture: architecture, parameters: parameters) } catch { throw BackpropError(error) }
    }

    /// The progress event of a reported iteration.
    private func progress<T: MatrixScalar>(
        _ item: IterationReport<T>, resolved: ResolvedTraining, startIteration: Int, elapsed: Double, bytesRead: Int?
    ) -> TrainingProgress {
        let isLast = item.iteration == resolved.totalIterations - 1
        var progress = TrainingProgress(
            iteration: item.iteration, totalIterations: resolved.totalIterations, epoch: item.epoch,
            totalEpochs: resolved.options.epochs, cost: Double(item.cost), costText: "\(item.cost)", elapsed: elapsed,
            iterationsThisRun: item.iteration - startIteration + 1, isPrintDue: item.iteration % resolved.printEvery == 0 || isLast)
        if let bytesRead, elapsed > 0 {
            let examples = Double(progress.iterationsThisRun * (resolved.options.batchSize ?? 1))
            progress.throughput = .init(examplesPerSecond: examples / elapsed, megabytesPerSecond: Double(bytesRead) / 1e6 / elapsed)
        }
        return progress
    }

    /// The cost and accuracy of `network` on (X, labels), and the correct count (streamed in a
    /// data-parallel run: each process evaluates its share, and the sums are added).
    private func evaluate<T: MatrixScalar>(
        _ network: Network<T>, _ input: SessionInput<T>, _ labels: Matrix<T>
    ) throws(BackpropError) -> (EvaluationMetrics, (correct: Int, total: Int)?) {
        let metrics: EvaluationMetrics
        switch input {
        case .matrix(let X):
            do { metrics = try network.evaluate(X: X, labels: labels) } catch { throw BackpropError(error) }
        case .stream(let stream, let blocks):
            do { metrics = try network.evaluate(stream: stream, labels: labels, blocks: blocks, reducer: reducer) } catch { throw BackpropError(error) }
        }
        let m = labels.columns
        return (metrics, metrics.accuracy.map { (Int(($0 * Double(m)).rounded()), m) })
    }

    /// The settings the log's start line carries: those the model records and the layer sizes.
    private func settings(_ resolved: ResolvedTraining) -> [String: String] {
        configuration.record(resolved).merging(["layers": resolved.architecture.layerDims.map(String.init).joined(separator: ",")]) { a, _ in a }
    }

    /// Writes the model, the cost plot and the decision boundary where asked.
    private func save<T: MatrixScalar>(
        _ model: TrainedModel<T>, history: CostHistory, resolved: ResolvedTraining, train: Dataset<Double>?
    ) throws(BackpropError) -> SavedModel {
        if let modelPath {
            do { try ModelFile.write(model, to: modelPath) } catch { throw BackpropError(error) }
        }
        if let plotPath {
            try CostPlot.write(history, title: CostPlot.title(settings: configuration.record(resolved)), size: plotSize, to: plotPath)
        }
        let saved: SavedModel = T.self == Double.self ? .float64(model as! TrainedModel<Double>) : .float32(model as! TrainedModel<Float>)
        if let boundaryPath, let train {
            try ModelPlots.decisionBoundary(model: saved, data: train, title: "Decision boundary, \(train.source)", size: plotSize,
                                           to: boundaryPath)
        }
        return saved
    }
}

/// The training inputs of a session in the run's precision: a matrix, or a stream with its blocks.
enum SessionInput<T: MatrixScalar> {
    case matrix(Matrix<T>)
    case stream(ExampleFileStream<T>, BlockShuffle)
}

/// The training and test data of a session in the run's precision, scaled as asked, and the
/// fingerprint of the training data for checkpoints.
private struct SessionData<T: MatrixScalar> {
    let input: SessionInput<T>
    let labels: Matrix<T>
    let validation: (X: Matrix<T>, labels: Matrix<T>)?
    let fingerprint: DataFingerprint?

    init(train source: SessionSource, test: Dataset<Double>?, scaler: FeatureScaler?, fingerprint: DataFingerprint?, blocks: BlockShuffle?) {
        self.fingerprint = fingerprint
        switch source {
        case .memory(let train):
            input = .matrix((scaler?.transform(train.X) ?? train.X).converted(to: T.self))
            labels = train.labels!.converted(to: T.self)
        case .streamed(let train):
            input = .stream(ExampleFileStream<T>(train.stored),
                            blocks ?? TrainingConfiguration.defaultBlockShuffle(features: train.featureCount, elementSize: MemoryLayout<T>.stride))
            labels = train.labels.converted(to: T.self)
        }
        validation = test.flatMap { data in
            data.labels.map { (X: (scaler?.transform(data.X) ?? data.X).converted(to: T.self), labels: $0.converted(to: T.self)) }
        }
    }

    /// The bytes the stream has read, or nil in memory.
    var bytesRead: Int? {
        if case .stream(let stream, _) = input { return stream.bytesRead }
        return nil
    }

    /// `BackpropNN/Network/train(X:labels:validation:options:resumingFrom:reducer:observer:)` on these
    /// data, in memory or streamed.
    func train(
        _ network: inout Network<T>, options: TrainingOptions, resumingFrom state: TrainingState<T>?, reducer: (any GradientReducer)?,
        observer: (TrainingEvent<T>) -> TrainingDecision
    ) throws(TrainingError) -> TrainingResult<T> {
        switch input {
        case .matrix(let X):
            try network.train(X: X, labels: labels, validation: validation, options: options, resumingFrom: state, reducer: reducer,
                              observer: observer)
        case .stream(let stream, _):
            try network.train(stream: stream, labels: labels, validation: validation, options: options, resumingFrom: state, reducer: reducer,
                              observer: observer)
        }
    }
}

/// Seconds since the session started training (restarted at `TrainingEvent.started`, when the
/// loop is ready to step).
private final class SessionClock {
    let clock = ContinuousClock()
    private(set) var start: ContinuousClock.Instant

    init() { start = clock.now }

    func restart() { start = clock.now }

    /// Microseconds, so the log shows 0.004167 rather than 0.004167036000000001.
    func seconds() -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds / 1_000_000_000_000) / 1e6
    }
}

extension ModelInfo {
    /// Records the final metrics and the iteration count in ``metrics``.
    mutating func record(train: EvaluationMetrics, test: EvaluationMetrics?, iterations: Int) {
        metrics["train_cost"] = String(train.cost)
        if let accuracy = train.accuracy { metrics["train_accuracy"] = String(accuracy) }
        if let test {
            metrics["test_cost"] = String(test.cost)
            if let accuracy = test.accuracy { metrics["test_accuracy"] = String(accuracy) }
        }
        metrics["iterations"] = String(iterations)
    }
}
