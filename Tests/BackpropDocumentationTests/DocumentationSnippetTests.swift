import Foundation
import Testing
import BackpropTestSupport

/// Every ```swift block of the DocC articles (Sources/*/*.docc/**.md) and of README.md appears,
/// line for line (indentation and blank lines aside), in a Swift file of this test target, where
/// it is compiled and run with checks of what it prints. A manifest block (one with
/// `.package(`) appears in the tutorial's Package.swift instead, which ``CatTutorialTests``
/// checks. A README block preceded by `<!-- checked by NAME -->` is checked by that test file
/// instead (the tour's 2500-iteration cat model runs in release in CI, not here).
@Suite struct DocumentationSnippetTests {
    struct Block: CustomStringConvertible {
        var file: String
        var line: Int
        var lines: [String]
        var checkedBy: String?
        var description: String { "\(file):\(line)" }
    }

    static func normalized(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The ```swift blocks of a Markdown file.
    static func blocks(in path: String) throws -> [Block] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [Block] = [], current: Block?, previous = ""
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                let marker = previous.firstMatch(of: /<!-- checked by (\S+) -->/).map { String($0.1) }
                current = Block(file: path, line: index + 1, lines: [], checkedBy: marker)
            } else if current != nil, trimmed == "```" {
                blocks.append(current!)
                current = nil
            } else if current != nil {
                current!.lines.append(String(line))
            }
            if !trimmed.isEmpty { previous = trimmed }
        }
        return blocks
    }

    static func markdownFiles() -> [String] {
        var files = [packageRoot.appendingPathComponent("README.md").path]
        let sources = packageRoot.appendingPathComponent("Sources")
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        while let relative = enumerator?.nextObject() as? String {
            if relative.contains(".docc/"), relative.hasSuffix(".md") { files.append(sources.appendingPathComponent(relative).path) }
        }
        return files.sorted()
    }

    static func compiledLines(_ folder: String) throws -> [String] {
        let url = packageRoot.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            .filter { $0.hasSuffix(".swift") }
            .flatMap { normalized(try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test func theArticlesHaveSwiftBlocks() throws {
        let files = Self.markdownFiles()
        #expect(files.count >= 8, "README and the catalogs' articles: \(files)")
        #expect(try files.flatMap { try Self.blocks(in: $0) }.count >= 15)
    }

    @Test func everySwiftBlockIsCompiledByATest() throws {
        let compiled = try Self.compiledLines("Tests/BackpropDocumentationTests")
        let manifest = Self.normalized(try String(contentsOf: CatTutorialTests.resources.appendingPathComponent("cats-Package.swift"), encoding: .utf8))
        for block in try Self.markdownFiles().flatMap({ try Self.blocks(in: $0) }) {
            let lines = Self.normalized(block.lines.joined(separator: "\n"))
            if let checker = block.checkedBy {
                let file = packageRoot.appendingPathComponent(checker).path
                #expect(FileManager.default.fileExists(atPath: file), "\(block): <!-- checked by \(checker) --> names no file")
            } else if lines.contains(where: { $0.contains(".package(") }) {
                let found = Self.contains(manifest, lines)
                #expect(found, "\(block): this manifest block is not in the tutorial's cats-Package.swift")
            } else {
                let found = Self.contains(compiled, lines)
                #expect(found, "\(block): this Swift block is not, line for line, in Tests/BackpropDocumentationTests")
            }
        }
    }
}
