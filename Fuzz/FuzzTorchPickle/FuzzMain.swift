import Foundation
import FuzzDriver

/// The program's entry: the fuzzer under `make fuzz`, a replay tool otherwise (see ``FuzzDriver``).
@main
struct FuzzMain {
    static func main() {
        FuzzDriver.main(
            testOneInput: { bytes, count in
                TorchPickleTarget.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
                return 0
            },
            replay: TorchPickleTarget.run)
    }
}
