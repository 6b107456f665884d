import EmbeddingCompression
import Testing

@Suite struct BudgetParsingTests {
    @Test(arguments: [
        ("1/8", Budget.fraction(0.125)),
        ("0.125", .fraction(0.125)),
        (" 1/2 ", .fraction(0.5)),
        ("1", .fraction(1)),
        ("4096", .bytes(4096)),
        ("4096B", .bytes(4096)),
        ("12MB", .bytes(12 * 1_048_576)),
        ("2k", .bytes(2_048)),
        ("1.5G", .bytes(1_610_612_736)),
    ])
    func parsesValidForms(text: String, expected: Budget) throws {
        #expect(try Budget(parsing: text) == expected)
    }

    @Test(arguments: ["0", "-1", "abc", "1/0", "1.5", "", "MB", "0/4"])
    func rejectsInvalidForms(text: String) {
        #expect(throws: BudgetError.invalid(text: text)) { try Budget(parsing: text) }
    }

    @Test func fractionRoundsDown() {
        #expect(Budget.fraction(1.0 / 3).bytes(float32Bytes: 100) == 33)
        #expect(Budget.fraction(0.5).bytes(float32Bytes: 80_000_000) == 40_000_000)
        #expect(Budget.bytes(512).bytes(float32Bytes: 80_000_000) == 512)
    }

    @Test func descriptionIsCommandLineForm() {
        #expect(Budget.fraction(1.0 / 16).description == "1/16")
        #expect(Budget.fraction(0.3).description == "0.3")
        #expect(Budget.bytes(4096).description == "4096 B")
    }
}
