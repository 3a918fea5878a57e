extension TrainingConfiguration {
    /// This configuration continued from a checkpoint whose run recorded `settings`
    /// (``record(_:)``): every ``TrainingSetting`` not ``given`` takes the checkpoint's value, and
    /// so does the run's length when neither ``iterations`` nor ``epochs`` is set (resuming
    /// finishes the interrupted run). Settings the record lacks are left as they are.
    ///
    /// - Parameters:
    ///   - settings: the checkpoint's record.
    ///   - file: the checkpoint, for messages.
    /// - Returns: the configuration, and the settings taken whose value differs from this
    ///   configuration's, as options: `["--standardize", "--learning-rate 0.0075"]`.
    /// - Throws: ``BackpropError`` `.badInput` for a record value that is not a value of its
    ///   setting (a damaged checkpoint).
    public func resuming(from settings: [String: String], file: String) throws(BackpropError) -> (TrainingConfiguration, taken: [String]) {
        var resumed = self
        var taken: [String] = []
        for setting in TrainingSetting.allCases where !given.contains(setting) {
            let saved = settings[setting.rawValue]
            guard saved != nil || setting.absentMeansNone else { continue }
            guard let applied = setting.applying(saved, to: resumed) else {
                throw BackpropError(.badInput, "\(file): the training record holds \(setting.rawValue) \"\(saved ?? "")\", not a value of \(setting.option)",
                                    hint: "the checkpoint is damaged; resume from an earlier one or start again")
            }
            if setting.text(in: self) != saved { taken.append(setting.argument(saved)) }
            resumed = applied
        }
        if iterations == nil && epochs == nil {
            let full = resumed.batchSize == nil
            if let count = settings[full ? "iterations" : "epochs"].flatMap({ Int($0) }) {
                if full { resumed.iterations = count } else { resumed.epochs = count }
                if count != resolvedEpochs() { taken.append("--\(full ? "iterations" : "epochs") \(count)") }
            }
        }
        return (resumed, taken)
    }

    /// Checks that the run `resolved` from this configuration has every ``TrainingSetting`` of
    /// the checkpoint whose run recorded `settings`; a setting the record lacks is not checked.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming the first option that differs and both
    ///   values: `--learning-rate 0.01 differs from the checkpoint's 0.0075`.
    public func checkResumed(_ resolved: ResolvedTraining, against settings: [String: String]) throws(BackpropError) {
        let record = record(resolved)
        for setting in TrainingSetting.allCases {
            let key = setting.rawValue
            guard settings[key] != nil || setting.absentMeansNone, record[key] != settings[key] else { continue }
            throw BackpropError(.badInput, "\(setting.argument(record[key])) differs from the checkpoint's \(setting.value(settings[key]))",
                                hint: "omit it to use the checkpoint's, or start a new run without --resume")
        }
    }
}
