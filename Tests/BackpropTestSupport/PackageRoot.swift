import Foundation

/// The package's root folder, found from this file's path (through symlinks, so that a package
/// copied or linked elsewhere still finds the folders beside it).
public let packageRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
