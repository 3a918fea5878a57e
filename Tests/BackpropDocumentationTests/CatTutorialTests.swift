import Foundation
import Testing
import Backprop
import BackpropTestSupport

/// The DocC tutorial "Build a cat classifier" (Backprop.docc/Tutorials/CatClassifier.tutorial).
///
/// Its Swift files live in Backprop.docc/Resources (where DocC reads them) and are compiled into
/// this test target through the symbolic links in Tutorial/ (cats-CatData.swift,
/// cats-Training.swift, cats-Evaluation.swift, cats-Run.swift): if the library's API changes
/// under them, this target stops compiling. Only cats-main.swift (top-level code, the
/// executable's entry) and cats-Package.swift (a manifest) are not compiled here; the tests
/// below check their text.
@Suite struct CatTutorialTests {
    static let resources = packageRoot.appendingPathComponent("Sources/Backprop/Backprop.docc/Resources")

    static func resource(_ name: String) throws -> String {
        try String(contentsOf: resources.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func everyCompiledStepIsALinkToTheTutorialsFile() throws {
        let tutorial = packageRoot.appendingPathComponent("Tests/BackpropDocumentationTests/Tutorial")
        let links = try FileManager.default.contentsOfDirectory(atPath: tutorial.path).sorted()
        #expect(links == ["cats-CatData.swift", "cats-Evaluation.swift", "cats-Run.swift", "cats-Training.swift"])
        for name in links {
            let destination = try FileManager.default.destinationOfSymbolicLink(atPath: tutorial.appendingPathComponent(name).path)
            #expect(destination == "../../../Sources/Backprop/Backprop.docc/Resources/\(name)")
        }
        let steps = try Self.resource("../Tutorials/CatClassifier.tutorial")
        let used = Set(steps.matches(of: /file: "([^"]+)"/).map { String($0.1) })
        #expect(used == Set(links + ["cats-Package.swift", "cats-main.swift", "cats-run.txt"]),
                "the tutorial shows only files this target compiles or checks")
    }

    /// main.swift is one call to the function the tests below run.
    @Test func mainCallsRunCatClassifier() throws {
        let main = try Self.resource("cats-main.swift").split(separator: "\n").filter { !$0.hasPrefix("//") }
        #expect(main == [#"try runCatClassifier(folder: CommandLine.arguments.dropFirst().first ?? "data")"#])
    }

    /// The manifest depends on Backprop's library product, as Getting started and the README say.
    @Test func manifestUsesTheLibraryProduct() throws {
        let manifest = try Self.resource("cats-Package.swift")
        #expect(manifest.contains(#".package(path: "../Backprop"),"#))
        #expect(manifest.contains(#"dependencies: [.product(name: "Backprop", package: "Backprop")]"#))
        #expect(manifest.hasPrefix("// swift-tools-version: 6.0"))
    }

    /// The tutorial's hand-written loop is the course's L-layer model: the course's first cost
    /// and, after the same iterations, the same parameters bit for bit as ``lLayerModel``.
    /// A few iterations in a debug build; the full 2500 run in release is `backprop course --check`.
    @Test(.requiresCourseData) func theTutorialsLoopIsTheCoursesModel() throws {
        let cats = try loadCats(folder: CourseDataLocation.folder)
        let (parameters, costs) = try trainCats(X: cats.train.X, Y: cats.train.labels!,
                                                layerDims: [12288, 20, 7, 5, 1], iterations: 2)
        #expect(costs[0] == 0.7717493284237686)
        let (reference, referenceCosts) = try lLayerModel(X: cats.train.X, Y: cats.train.labels!,
                                                          layerDims: [12288, 20, 7, 5, 1],
                                                          options: CourseTrainingOptions(iterations: 2))
        #expect(parameters == reference)
        #expect(costs[0] == referenceCosts[0].cost)
        #expect((0...1).contains(accuracy(of: parameters, on: cats.test)))
        try runCatClassifier(folder: CourseDataLocation.folder, iterations: 1)
    }

    /// `isCat(pictureAt:parameters:)` on a picture of another size: read, resized, predicted.
    @Test func isCatReadsAnyPicture() throws {
        let picture = packageRoot.appendingPathComponent("Tests/BackpropFormatsTests/Fixtures/imagefolder/cat/b_big.png").path
        let parameters: Parameters<Double> = try initializeParametersDeep(layerDims: [12288, 1], seed: 1)
        let answer = try isCat(pictureAt: picture, parameters: parameters)
        let expected = predict(X: try ImageFile.read(path: picture, fitting: ImageShape(width: 64, height: 64, channels: 3)).column(),
                               parameters: parameters)[0, 0] == 1
        #expect(answer == expected)
    }
}
