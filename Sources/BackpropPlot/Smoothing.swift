import Foundation

/// Smoothing of a noisy curve, such as the cost of every mini-batch.
public enum Smoothing {
    /// TensorBoard's smoothing: a debiased exponential moving average.
    ///
    /// `a_i = w · a_{i−1} + (1 − w) · y_i` from `a = 0`, and the smoothed value is
    /// `a_i / (1 − w^n)`, n the number of finite values so far (the division removes the pull
    /// toward the zero start). Non-finite values are passed through and do not enter the average.
    ///
    /// - Parameters:
    ///   - values: the curve, in order.
    ///   - weight: w in [0, 1): 0 returns the values unchanged; nearer 1 is smoother.
    public static func exponentialMovingAverage(_ values: [Double], weight: Double) -> [Double] {
        precondition(weight >= 0 && weight < 1, "Smoothing: weight must be in [0, 1), got \(weight)")
        var average = 0.0, count = 0.0
        return values.map { y in
            guard y.isFinite else { return y }
            average = weight * average + (1 - weight) * y
            count += 1
            return average / (1 - pow(weight, count))
        }
    }

    /// The weight for `count` values: a time constant of `count / 40` values (at least 1), so
    /// the average spans about the same share of any run: `w = 1 − 1 / max(1, count / 40)`
    /// (0.6, TensorBoard's default, for 100 values; 0.98 for 2000).
    public static func weight(forCount count: Int) -> Double {
        1 - 1 / max(1, Double(count) / 40)
    }
}
