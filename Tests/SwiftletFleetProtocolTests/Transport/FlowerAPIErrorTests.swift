import Testing
@testable import SwiftletFleetProtocol

@Suite struct FlowerAPIErrorTests {
    @Test func readsTheCodeAndDetailOfAFlowerErrorBody() {
        let body = #"{"code":2007,"detail":"The current run status does not allow this Fleet API operation."}"#
        #expect(FlowerAPIError(body: body) == FlowerAPIError(code: 2007, detail: "The current run status does not allow this Fleet API operation."))
    }

    @Test func aFailureCarriesTheFlowerErrorOfItsBody() {
        let failure = FleetFailure(.forbidden, #"{"code": 2008, "detail": "Failed to get run.", "extra": "x"}"#)
        #expect(failure.flowerError?.code == FlowerAPIError.getRunFailed)
    }

    @Test(arguments: ["run 7 is not running", #"{"detail": "no code"}"#, #"{"code": "2007"}"#, #"{"code": 2007.5}"#, "[2007]", ""])
    func aBodyWithoutAnIntegerCodeIsNotAFlowerError(body: String) {
        #expect(FlowerAPIError(body: body) == nil)
    }

    @Test func status412IsAFailedPrecondition() {
        #expect(FleetFailure.Kind(httpStatus: 412) == .preconditionFailed)
        #expect(FleetFailure.Kind.preconditionFailed.httpStatus == 412)
        #expect(!FleetFailure(.preconditionFailed, "").isRetryable)
    }
}
