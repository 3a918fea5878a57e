/// The version of Backprop, printed by `backprop --version` and written into model files.
public enum BackpropVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
