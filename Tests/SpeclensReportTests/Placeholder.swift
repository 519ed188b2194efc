import Testing
@testable import SpeclensReport
