/// How the learning rate changes with the epoch (course: "Learning Rate Decay").
///
/// With α₀ the initial rate and e the epoch (counted from 0; with full-batch training every
/// iteration is an epoch):
///
/// | case | α(e) | name |
/// |---|---|---|
/// | ``constant`` | α₀ | `constant` |
/// | ``step(every:factor:)`` | α₀ · factor^⌊e / every⌋ | `step` |
/// | ``exponential(rate:)`` | α₀ · rate^e | `exponential` |
/// | ``inverseTime(decayRate:interval:)`` | α₀ / (1 + decayRate · ⌊e / interval⌋) | `inverse-time` |
///
/// ``inverseTime(decayRate:interval:)`` is the course's `schedule_lr_decay` (`update_lr` with interval 1).
public enum LearningRateSchedule: Equatable, Hashable, Sendable {
    /// α₀ throughout.
    case constant
    /// Multiply by `factor` every `every` epochs.
    case step(every: Int, factor: Double)
    /// Multiply by `rate` every epoch.
    case exponential(rate: Double)
    /// α₀ / (1 + decayRate · ⌊e / interval⌋).
    case inverseTime(decayRate: Double, interval: Int = 1)

    /// The name the command line and checkpoints use.
    public var name: String {
        switch self {
        case .constant: return "constant"
        case .step: return "step"
        case .exponential: return "exponential"
        case .inverseTime: return "inverse-time"
        }
    }

    /// The learning rate for epoch `epoch` (from 0) given the initial rate α₀.
    public func learningRate(initial: Double, epoch: Int) -> Double {
        switch self {
        case .constant: return initial
        case .step(let every, let factor): return initial * Double.pow(factor, Double(epoch / Swift.max(every, 1)))
        case .exponential(let rate): return initial * Double.pow(rate, Double(epoch))
        case .inverseTime(let decayRate, let interval): return initial / (1 + decayRate * Double(epoch / Swift.max(interval, 1)))
        }
    }

    /// Checks the schedule's numbers: intervals ≥ 1, factors and rates finite and > 0, decay ≥ 0.
    ///
    /// - Throws: ``NetworkError`` naming `schedule.every` and so on.
    public func validate() throws(NetworkError) {
        switch self {
        case .constant: return
        case .step(let every, let factor):
            guard every >= 1 else { throw NetworkError(argument: "schedule.every", value: "\(every)", expected: "1 or more epochs") }
            guard factor.isFinite && factor > 0 else { throw NetworkError(argument: "schedule.factor", value: "\(factor)", expected: "a finite number above 0") }
        case .exponential(let rate):
            guard rate.isFinite && rate > 0 else { throw NetworkError(argument: "schedule.rate", value: "\(rate)", expected: "a finite number above 0") }
        case .inverseTime(let decayRate, let interval):
            guard decayRate.isFinite && decayRate >= 0 else { throw NetworkError(argument: "schedule.decayRate", value: "\(decayRate)", expected: "a finite number, 0 or more") }
            guard interval >= 1 else { throw NetworkError(argument: "schedule.interval", value: "\(interval)", expected: "1 or more epochs") }
        }
    }
}
