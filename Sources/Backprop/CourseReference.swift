/// The numbers the course publishes for its cat / non-cat application (DeepLearning.AI,
/// "Deep Neural Network - Application"), as given in the project's reference file, and the
/// comparison that `backprop course` and the release-mode CI check make against them.
///
/// Data: X = x.reshape(m, -1).T / 255 in float64, (12288, m); learning rate 0.0075;
/// 2500 iterations of full-batch gradient descent; cost printed every 100 iterations.
public enum CourseReference {
    /// Which of the course's two models.
    public enum Model: String, CaseIterable, Sendable {
        /// [12288, 7, 1], W × 0.01, seed 1.
        case twoLayer = "two-layer"
        /// [12288, 20, 7, 5, 1], W / √n_{l-1}, seed 1.
        case lLayer = "l-layer"

        /// The layer sizes.
        public var layerDims: [Int] { self == .twoLayer ? [12288, 7, 1] : [12288, 20, 7, 5, 1] }
    }

    /// The two-layer model's costs at iterations 0, 100, …, 2400, printed at full precision.
    public static let twoLayerCosts: [Double] = [
        0.6930497356599888, 0.6464320953428849, 0.6325140647912677, 0.6015024920354665,
        0.5601966311605747, 0.515830477276473, 0.4754901313943325, 0.4339163151225749,
        0.4007977536203887, 0.3580705011323798, 0.3394281538366412, 0.3052753636196264,
        0.27491377282130164, 0.24681768210614846, 0.19850735037466116, 0.1744831811255664,
        0.17080762978096148, 0.11306524562164734, 0.09629426845937152, 0.08342617959726863,
        0.07439078704319081, 0.0663074813226793, 0.0591932950103817, 0.053361403485605585,
        0.04855478562877016,
    ]

    /// The L-layer model's costs at iterations 0, 100, …, 2400, printed with 6 decimals.
    public static let lLayerCosts: [Double] = [
        0.771749, 0.672053, 0.648263, 0.611507, 0.567047, 0.540138, 0.527930, 0.465477, 0.369126,
        0.391747, 0.315187, 0.272700, 0.237419, 0.199601, 0.189263, 0.161189, 0.148214, 0.137775,
        0.129740, 0.121225, 0.113821, 0.107839, 0.102855, 0.100897, 0.092878,
    ]

    /// The L-layer costs the reference gives at full precision: iteration → cost.
    public static let lLayerFullCosts: [Int: Double] = [0: 0.7717493284237686, 2400: 0.09287821526472397]

    /// Correct predictions (train of 209, test of 50).
    public static func correct(_ model: Model) -> (train: Int, test: Int) {
        model == .twoLayer ? (209, 36) : (206, 40)
    }

    /// Compares a run's recorded costs (iteration 0, 100, …) and correct-prediction counts with
    /// the published ones.
    ///
    /// Two-layer costs must agree to 1e-12 relative; L-layer costs must round to the printed 6
    /// decimals and agree to 1e-9 relative with the two full values given; the accuracies must
    /// be exact.
    ///
    /// - Returns: one line per disagreement; empty when the run reproduces the course.
    public static func mismatches(
        model: Model, costs: [(iteration: Int, cost: Double)], trainCorrect: Int, testCorrect: Int
    ) -> [String] {
        var problems: [String] = []
        let published = model == .twoLayer ? twoLayerCosts : lLayerCosts
        let recorded = costs.filter { $0.iteration % 100 == 0 && $0.iteration <= 2400 }
        if recorded.count != published.count {
            problems.append("\(recorded.count) costs recorded at iterations 0, 100, …, 2400; expected \(published.count)")
        }
        for (index, record) in recorded.enumerated() where index < published.count {
            let expected = published[index]
            switch model {
            case .twoLayer:
                if abs(record.cost - expected) > 1e-12 * abs(expected) {
                    problems.append("iteration \(record.iteration): cost \(record.cost), published \(expected) (relative difference above 1e-12)")
                }
            case .lLayer:
                let rounded = (record.cost * 1e6).rounded() / 1e6
                if abs(rounded - expected) > 1e-12 {
                    problems.append("iteration \(record.iteration): cost \(record.cost) prints as \(rounded), published \(expected)")
                }
                if let full = lLayerFullCosts[record.iteration], abs(record.cost - full) > 1e-9 * abs(full) {
                    problems.append("iteration \(record.iteration): cost \(record.cost), published \(full) (relative difference above 1e-9)")
                }
            }
        }
        let expected = correct(model)
        if trainCorrect != expected.train {
            problems.append("train: \(trainCorrect) of 209 correct, published \(expected.train)")
        }
        if testCorrect != expected.test {
            problems.append("test: \(testCorrect) of 50 correct, published \(expected.test)")
        }
        return problems
    }
}
