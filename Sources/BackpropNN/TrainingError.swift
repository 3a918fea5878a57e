/// Why training stopped with an error.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An option, the data or the labels were invalid (before any update).
    case invalidInput(NetworkError)
    /// A NaN or an infinity appeared: in `quantity` ("Z", "A", "cost", "dW", "db") of layer
    /// `layer` (1…L) at iteration `iteration` (from 0) of epoch `epoch`. Usually a learning rate
    /// that is too large.
    case nonFinite(iteration: Int, epoch: Int, layer: Int, quantity: String)
    /// The cost stayed finite but exploded: at iteration `iteration` of epoch `epoch` it was
    /// `cost`, more than ``TrainingOptions/costGrowthLimit`` × max(`first`, 1), `first` being
    /// the first step's cost of the run. Usually a learning rate that is too large.
    case costGrew(iteration: Int, epoch: Int, first: Double, cost: Double)
    /// A streamed example could not be read (``ExampleStream``); the parameters are those of
    /// the last good step.
    case input(ExampleStreamError)
    /// The processes training together could not sum a step's gradients (``GradientReducer``):
    /// one has stopped; the parameters are those of the last good step.
    case reduction(GradientReductionError)

    public var description: String {
        switch self {
        case .invalidInput(let error): return error.description
        case .nonFinite(let iteration, let epoch, let layer, let quantity):
            return "training diverged: \(quantity) of layer \(layer) is not finite at iteration \(iteration) (epoch \(epoch)); try a smaller learning rate"
        case .costGrew(let iteration, let epoch, let first, let cost):
            return "training diverged: the cost grew from \(first) to \(cost) at iteration \(iteration) (epoch \(epoch)); try a smaller learning rate"
        case .input(let error): return error.description
        case .reduction(let error): return error.description
        }
    }
}
