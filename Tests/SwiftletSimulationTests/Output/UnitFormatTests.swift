import Testing
@testable import SwiftletSimulation

/// Durations, byte counts, energies and percentages for the terminal.
@Suite struct UnitFormatTests {
    @Test func shortDurationsKeepOneDecimal() {
        #expect(UnitFormat.duration(0) == "0.0s")
        #expect(UnitFormat.duration(0.44) == "0.4s")
        #expect(UnitFormat.duration(9.94) == "9.9s")
    }

    @Test func durationsUseTheTwoLargestUnits() {
        #expect(UnitFormat.duration(9.96) == "10s")
        #expect(UnitFormat.duration(59) == "59s")
        #expect(UnitFormat.duration(59.6) == "1m 00s")
        #expect(UnitFormat.duration(307) == "5m 07s")
        #expect(UnitFormat.duration(3840) == "1h 04m")  // 1 h 4 min
        #expect(UnitFormat.duration(183_600) == "2d 03h")  // 2 d 3 h
    }

    @Test func unusableDurationsPrintAsDash() {
        #expect(UnitFormat.duration(-1) == "-")
        #expect(UnitFormat.duration(.nan) == "-")
        #expect(UnitFormat.duration(.infinity) == "-")
    }

    @Test func bytesUseSIUnits() {
        #expect(UnitFormat.bytes(0) == "0 B")
        #expect(UnitFormat.bytes(999) == "999 B")
        #expect(UnitFormat.bytes(1_000) == "1.0 kB")
        #expect(UnitFormat.bytes(12_345) == "12.3 kB")
        #expect(UnitFormat.bytes(12_300_000) == "12.3 MB")
        #expect(UnitFormat.bytes(1_250_000_000) == "1.3 GB")
    }

    @Test func bytesMoveUpAUnitWhenRoundingReachesIt() {
        #expect(UnitFormat.bytes(999.6) == "1.0 kB")
        #expect(UnitFormat.bytes(999_960) == "1.0 MB")
    }

    @Test func energiesPickTheirUnit() {
        #expect(UnitFormat.energy(0) == "0 J")
        #expect(UnitFormat.energy(0.000_000_1) == "0.1 µJ")
        #expect(UnitFormat.energy(0.012_3) == "12.3 mJ")
        #expect(UnitFormat.energy(4.5) == "4.5 J")
        #expect(UnitFormat.energy(1_234) == "1.2 kJ")
    }

    @Test func percentagesHaveFixedDecimals() {
        #expect(UnitFormat.percent(0.96123) == "96.12%")
        #expect(UnitFormat.percent(1) == "100.00%")
        #expect(UnitFormat.percent(0.5, decimals: 1) == "50.0%")
    }
}
