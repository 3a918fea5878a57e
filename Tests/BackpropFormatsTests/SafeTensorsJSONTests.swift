@testable import BackpropFormats
import Testing

/// The safetensors header's JSON writer, against Python's `json.dumps(s, ensure_ascii=False)`.
@Suite struct SafeTensorsJSONTests {
    @Test func quoteEscapesAsPythonsJSON() {
        // python3 -c 'import json; print(json.dumps("a\"b\\\n\r\t\x01\x1fé", ensure_ascii=False))'
        #expect(SafeTensorsJSON.quote("a\"b\\\n\r\t\u{01}\u{1f}é") == #""a\"b\\\n\r\t\u0001\u001fé""#)
        #expect(SafeTensorsJSON.quote("") == #""""#)
    }
}
