package io.regiolink.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiolink.company.RejectReason;

/** One line of an NDJSON input file, read as a JSON object or refused with a reason. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode object(String line) throws FormatException {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FormatException(RejectReason.MALFORMED_JSON, "not a JSON object");
    }
    return root;
  }
}
