import Testing
import SwiftletFederated

@Suite struct ConfigRecordTests {
    /// One entry of every scalar type, plus a list.
    static let config: ConfigRecord = [
        "epochs": 3, "lr": 0.05, "proximal": true, "optimizer": "sgd", "mask": .bytes([1, 2]), "ids": .ints([1, 2]),
    ]

    static func mismatch(_ read: (ConfigRecord) throws(RecordError) -> Void) -> String? {
        do {
            try read(config)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func intReaderOnAStringNamesKeyAndBothTypes() {
        #expect(Self.mismatch { c throws(RecordError) in _ = try c.int("optimizer") }
                == "config key 'optimizer' holds string, expected int")
    }

    @Test func intReaderOnADoubleIsAMismatchNotATruncation() {
        #expect(throws: RecordError.typeMismatch(key: "lr", expected: "int", actual: "double")) {
            try Self.config.int("lr")
        }
    }

    @Test func doubleReaderOnABoolNamesKeyAndBothTypes() {
        #expect(Self.mismatch { c throws(RecordError) in _ = try c.double("proximal") }
                == "config key 'proximal' holds bool, expected double")
    }

    @Test func boolReaderOnAnIntNamesKeyAndBothTypes() {
        #expect(Self.mismatch { c throws(RecordError) in _ = try c.bool("epochs") }
                == "config key 'epochs' holds int, expected bool")
    }

    @Test func stringReaderOnBytesNamesKeyAndBothTypes() {
        #expect(Self.mismatch { c throws(RecordError) in _ = try c.string("mask") }
                == "config key 'mask' holds bytes, expected string")
    }

    @Test func bytesReaderOnAStringNamesKeyAndBothTypes() {
        #expect(Self.mismatch { c throws(RecordError) in _ = try c.bytes("optimizer") }
                == "config key 'optimizer' holds string, expected bytes")
    }

    @Test func scalarReaderOnAListNamesTheListType() {
        #expect(Self.mismatch { c throws(RecordError) in _ = try c.int("ids") }
                == "config key 'ids' holds [int], expected int")
    }

    @Test func readersReturnTheirTypedValues() throws {
        #expect(try Self.config.int("epochs") == 3)
        #expect(try Self.config.double("lr") == 0.05)
        #expect(try Self.config.bool("proximal") == true)
        #expect(try Self.config.string("optimizer") == "sgd")
        #expect(try Self.config.bytes("mask") == [1, 2])
    }

    @Test func absentKeyReadsAsNilForEveryType() throws {
        #expect(try Self.config.int("batch") == nil)
        #expect(try Self.config.double("batch") == nil)
        #expect(try Self.config.bool("batch") == nil)
        #expect(try Self.config.string("batch") == nil)
        #expect(try Self.config.bytes("batch") == nil)
    }

    @Test func doubleReaderAcceptsAnInt() throws {
        let config: ConfigRecord = ["lr": 1, "big": .int(1 << 53)]
        #expect(try config.double("lr") == 1.0)
        #expect(try config.double("big") == 9_007_199_254_740_992.0)
    }

    @Test func int64BeyondThePlatformIntIsOutOfRange() throws {
        let config: ConfigRecord = ["big": .int(.max), "small": .int(.min)]
        #if _pointerBitWidth(_64)
        // Int is Int64 here: every stored value fits.
        #expect(try config.int("big") == Int.max)
        #expect(try config.int("small") == Int.min)
        #else
        let error = #expect(throws: RecordError.invalidValue(key: "big", value: "9223372036854775807", reason: "out of range")) {
            try config.int("big")
        }
        #expect(error?.description == "config key 'big' = 9223372036854775807: out of range")
        #endif
    }

    @Test func outOfRangeErrorNamesKeyValueAndReason() {
        let error = RecordError.invalidValue(key: "epochs", value: "9223372036854775807", reason: "out of range")
        #expect(error.description == "config key 'epochs' = 9223372036854775807: out of range")
    }

    @Test func mergingLetsTheArgumentWin() {
        let defaults: ConfigRecord = ["lr": 0.1, "epochs": 1]
        let overrides: ConfigRecord = ["epochs": 5, "mu": 0.01]
        #expect(defaults.merging(overrides) == ["lr": 0.1, "epochs": 5, "mu": 0.01])
    }

    @Test func mergingLeavesBothOperandsUnchanged() {
        let defaults: ConfigRecord = ["epochs": 1]
        _ = defaults.merging(["epochs": 5])
        #expect(defaults == ["epochs": 1])
    }

    @Test func sortedKeysAreInLexicalOrder() {
        #expect(Self.config.sortedKeys == ["epochs", "ids", "lr", "mask", "optimizer", "proximal"])
    }
}
