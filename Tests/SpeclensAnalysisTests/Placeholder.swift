import Testing
@testable import SpeclensAnalysis
