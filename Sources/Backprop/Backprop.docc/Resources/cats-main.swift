// swift run -c release CatClassifier path/to/the/course/data
try runCatClassifier(folder: CommandLine.arguments.dropFirst().first ?? "data")
