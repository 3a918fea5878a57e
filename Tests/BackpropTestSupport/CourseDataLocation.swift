import Foundation
import Testing

/// Where the tests find the course's cat data (`train_catvnoncat.h5`, `test_catvnoncat.h5`; not
/// committed): `$BACKPROP_DATA` when it is set and not empty, else `../shared/data` beside the
/// package root. The one place the tests look; tests that need the data carry
/// ``Testing/Trait/requiresCourseData`` and are reported as skipped, with where it looked,
/// when the files are not there.
public enum CourseDataLocation {
    /// The environment variable that overrides the folder.
    public static let environmentVariable = "BACKPROP_DATA"

    /// The files that must be present.
    public static let fileNames = ["train_catvnoncat.h5", "test_catvnoncat.h5"]

    /// `$BACKPROP_DATA` when set and not empty, else `<package root>/../shared/data`.
    public static var folder: String {
        if let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty { return value }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }

    /// Whether both files are in ``folder``.
    public static var isAvailable: Bool {
        fileNames.allSatisfy { FileManager.default.fileExists(atPath: path($0)) }
    }

    /// The path of `name` (one of ``fileNames``) in ``folder``.
    public static func path(_ name: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent(name).path
    }

    /// Why a test that needs the data is skipped: the folder looked in, and how it was chosen.
    public static var notFoundMessage: String {
        let overridden = !(ProcessInfo.processInfo.environment[environmentVariable] ?? "").isEmpty
        return "course data (\(fileNames.joined(separator: ", "))) not found in \(folder) "
            + (overridden ? "(the folder $\(environmentVariable) names)" : "(set \(environmentVariable) to the folder holding them)")
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the course data are present (``CourseDataLocation``); otherwise
    /// the test is skipped with a message naming the folder looked in.
    public static var requiresCourseData: Self {
        .enabled(if: CourseDataLocation.isAvailable, Comment(rawValue: CourseDataLocation.notFoundMessage))
    }
}
