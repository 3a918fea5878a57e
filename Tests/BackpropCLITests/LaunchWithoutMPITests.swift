import Foundation
import Testing

/// Whether these tests were built with the `MPI` package trait (`swift test --traits MPI`).
private let builtWithMPI: Bool = {
    #if MPI
    true
    #else
    false
    #endif
}()

/// `mpirun -np N backprop train …` with a build that has no MPI (the default build, without the
/// `MPI` package trait): the processes would each train alone on every example and write the
/// same files, so `train` stops before it reads anything, rank 0 saying why. The launcher is
/// stood in for by its environment variables (Open MPI's and MPICH's); `.ci/mpi-checks` runs the
/// real `mpirun` with the trait build.
@Suite(.disabled(if: builtWithMPI, "this build has the MPI trait: .ci/mpi-checks tests mpirun"))
struct LaunchWithoutMPITests {
    static let train = ["train", "--data", "spirals", "--layers", "2,4,3", "--epochs", "2", "--log", "run.jsonl"]

    @Test("rank 0 of several says the build has no MPI, exits 3 and writes nothing", arguments: [
        ["OMPI_COMM_WORLD_SIZE": "2", "OMPI_COMM_WORLD_RANK": "0"],
        ["PMI_SIZE": "3", "PMI_RANK": "0"],
    ])
    func rankZeroRefuses(_ launcher: [String: String]) throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(withArguments: Self.train, environment: launcher)
        let processes = launcher["OMPI_COMM_WORLD_SIZE"] ?? launcher["PMI_SIZE"] ?? ""
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "training started: \(result.stdout)")
        #expect(result.stderr == """
            error: mpirun started \(processes) processes, but this backprop was built without MPI: each would train alone
            hint: build it with `swift build -c release --traits MPI` (Open MPI installed; README, "Training on several processes"), or run one process

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).isEmpty, "files were written")
    }

    @Test("the other ranks stop silently with the same status")
    func otherRanksStopSilently() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(withArguments: Self.train, environment: ["OMPI_COMM_WORLD_SIZE": "2", "OMPI_COMM_WORLD_RANK": "1"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(result.stdout)\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).isEmpty, "files were written")
    }

    @Test("one process started by mpirun trains as usual")
    func oneProcessTrains() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(withArguments: Self.train + ["--no-save", "--no-plot"], environment: ["OMPI_COMM_WORLD_SIZE": "1", "OMPI_COMM_WORLD_RANK": "0"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Trained 2 iterations"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: cli.path("run.jsonl")), "the log was not written")
    }
}
