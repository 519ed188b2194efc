import Foundation

#if FUZZING
    import CLibFuzzer
#endif

/// The entry shared by the fuzz targets. Built by `make fuzz` (`-DFUZZING`, linked with
/// libFuzzer's driver): the fuzzer, taking libFuzzer's arguments (corpus folders,
/// `-max_total_time=`, …) and calling `testOneInput`. Built normally: runs `replay` once on each
/// file named on the command line (a folder: each file inside), to replay an input in an ordinary
/// build.
public enum FuzzDriver {
    /// Runs the fuzzer or the replay and exits.
    public static func main(
        testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt, replay: (Data) -> Void
    ) -> Never {
        #if FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
        #else
            for path in files(CommandLine.arguments.dropFirst()) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("unreadable: \(path)")
                    exit(1)
                }
                replay(data)
                print("ran: \(path)")
            }
            exit(0)
        #endif
    }

    /// The files named, folders replaced by the files inside them (sorted).
    static func files(_ arguments: ArraySlice<String>) -> [String] {
        arguments.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
                let names = try? FileManager.default.contentsOfDirectory(atPath: path)
            else { return [path] }
            return names.sorted().map { (path as NSString).appendingPathComponent($0) }
        }
    }
}
