import SvodBatch
import Testing

/// How a run's files are cut into groups.
@Suite struct GroupPlanTests {
    @Test(arguments: [0, 1, 4, 5, 49, 50, 99, 100, 101, 250, 1000, 1234])
    func groupsCoverEveryFileOnceInOrder(_ count: Int) {
        let ends = BatchRun.groupEnds(count: count, size: 50)
        #expect(ends.last ?? 0 == count)
        #expect(zip([0] + ends, ends).allSatisfy { $0 < $1 }, "\(ends)")
        #expect(zip([0] + ends, ends).allSatisfy { $1 - $0 <= 50 }, "\(ends)")
    }

    @Test func fullGroupsThenHalvingToASmallLastOne() {
        #expect(BatchRun.groupEnds(count: 1000, size: 50) == Array(stride(from: 50, through: 900, by: 50)) + [950, 975, 988, 994, 997, 1000])
        #expect(BatchRun.groupEnds(count: 3, size: 50) == [3])
    }
}
