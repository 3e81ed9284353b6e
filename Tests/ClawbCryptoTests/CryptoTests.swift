import ClawbCrypto
import Testing

@Suite("libsodium wrappers")
struct CryptoTests {
    @Test(
        "SHA-256 matches the FIPS 180-2 vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256Vectors(input: String, expected: String) {
        #expect(Hex.encode(SHA256.hash(input)) == expected)
    }

    @Test("hex decodes what it encodes and rejects non-hex")
    func hexRoundTrip() {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xff]
        #expect(Hex.encode(bytes) == "00017f80ff")
        #expect(Hex.decode("00017F80ff") == bytes)
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.decode("abc") == nil)
    }

    @Test("constant-time comparison tells equal from different bytes")
    func constantTimeEquals() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
    }

    @Test("random strings use only the alphabet and do not repeat")
    func randomStrings() {
        let samples = (0..<200).map { _ in SecureRandom.string(length: 32, alphabet: SecureRandom.base62Alphabet) }
        #expect(Set(samples).count == samples.count)
        #expect(samples.allSatisfy { $0.count == 32 && $0.allSatisfy { SecureRandom.base62Alphabet.contains($0) } })
        // Every one of the 62 symbols shows up in 6,400 draws (the chance one is missing is < 1e-40).
        #expect(Set(samples.joined()).count == 62)
    }
}

@Suite("HMAC-SHA-256")
struct HMACTests {
    /// RFC 4231 test cases 1 and 2.
    @Test(
        "RFC 4231 vectors",
        arguments: [
            (
                "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
        ])
    func rfc4231(key: String, data: String, expected: String) {
        let mac = HMACSHA256.authenticate(Hex.decode(data)!, key: Hex.decode(key)!)
        #expect(Hex.encode(mac) == expected)
        #expect(HMACSHA256.verify(mac, message: Hex.decode(data)!, key: Hex.decode(key)!))
        #expect(!HMACSHA256.verify(mac, message: Hex.decode(data)! + [0], key: Hex.decode(key)!))
    }
}
