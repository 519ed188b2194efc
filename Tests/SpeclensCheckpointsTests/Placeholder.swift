import Testing
@testable import SpeclensCheckpoints
