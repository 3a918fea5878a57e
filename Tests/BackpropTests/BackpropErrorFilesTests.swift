import Backprop
import Foundation
import Testing

/// The file errors of the taxonomy say what a thing is in our own words: a Foundation error
/// never shows its description, a write to a folder and a file of another kind are bad input.
@Suite struct BackpropErrorFilesTests {
    @Test func aFoundationErrorIsSaidInTheSystemsWords() {
        let posix = NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR))
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: 256, userInfo: [NSUnderlyingErrorKey: posix, NSFilePathErrorKey: "/tmp"])
        for error in [cocoa, posix, NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileReadNoPermission.rawValue)] {
            let mapped = BackpropError(error)
            #expect(mapped.category == .io)
            for text in ["Error Domain", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "UserInfo", "(null)"] {
                #expect(!mapped.message.contains(text), "\(mapped.message)")
            }
        }
        #expect(BackpropError(cocoa).message.hasSuffix(String(cString: strerror(EISDIR))))
        #expect(BackpropError(NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileReadNoPermission.rawValue)).message
            .hasSuffix(String(cString: strerror(EACCES))))
    }

    @Test func aFileOfAnotherKindOrAFolderIsBadInputSaidPlainly() throws {
        let kind = BackpropError(FormatError(.wrongKind, file: "train.h5", expected: "a model", found: "an HDF5 file"))
        #expect(kind.category == .badInput)
        #expect(kind.message == "train.h5: this is an HDF5 file, not a model")
        #expect(kind.hint.contains("--data"))
        let folder = FileManager.default.temporaryDirectory.path
        let write = BackpropError(FormatError(.unwritable, file: folder, expected: "to rename the temporary file into place", found: "Is a directory"))
        #expect(write.category == .badInput)
        #expect(write.message == "\(folder): this is a folder, not a file name")
    }
}
