import SvodWorkbook
import Testing

@Suite struct DateSystemTests {
    @Test(arguments: [(1.0, "1900-01-01"), (59.0, "1900-02-28"), (61.0, "1900-03-01"),
                      (43831.0, "2020-01-01"), (1.3333333333333333, "1900-01-01T08:00:00")])
    func serials1900(_ serial: Double, _ iso: String) {
        let whole = serial == serial.rounded()
        #expect(DateSystem.from1900.dateTime(serial: serial, hasTime: !whole)?.iso8601 == iso)
    }

    /// Serial 60 is Lotus's 29 February 1900; the readers we agree with show 28 February.
    @Test func fictitiousLeapDay() {
        #expect(DateSystem.from1900.dateTime(serial: 60.333333333333336)?.iso8601 == "1900-02-28T08:00:00")
    }

    @Test func serials1904() {
        #expect(DateSystem.from1904.dateTime(serial: 0, hasTime: false)?.iso8601 == "1904-01-01")
        #expect(DateSystem.from1904.dateTime(serial: 42369, hasTime: false)?.iso8601 == "2020-01-01")
    }

    @Test func serialRoundTrip() {
        for system in [DateSystem.from1900, .from1904] {
            for serial in [1.0, 61.5, 44197.25, 2_958_465.0] {
                guard let dt = system.dateTime(serial: serial) else { Issue.record("no date for \(serial)"); continue }
                #expect(abs(system.serial(dt) - serial) < 1e-9)
            }
        }
    }

    @Test func outOfRangeSerialsAreNotDates() {
        #expect(DateSystem.from1900.dateTime(serial: -1) == nil)
        #expect(DateSystem.from1900.dateTime(serial: 3_000_000) == nil)
        #expect(DateSystem.from1900.dateTime(serial: .nan) == nil)
    }

    @Test func iso8601Forms() {
        #expect(ISO8601.dateTime("2021-01-01")?.iso8601 == "2021-01-01")
        #expect(ISO8601.dateTime("2021-01-01T10:10:10")?.iso8601 == "2021-01-01T10:10:10")
        #expect(ISO8601.dateTime("2021-01-01 10:10:10.5Z")?.iso8601 == "2021-01-01T10:10:10.5")
        #expect(ISO8601.dateTime("2021-02-30") == nil)
        #expect(ISO8601.timeOfDay("10:10:10.123456") == 36610.123456)
        #expect(ISO8601.duration("PT10H10M10S") == 36610)
        #expect(ISO8601.duration("PT255H10M10S") == 918_610)
        #expect(ISO8601.duration("-P1DT1H") == -90_000)
        #expect(ISO8601.duration("P") == nil)
        #expect(ISO8601.duration("PT1X") == nil)
    }
}
