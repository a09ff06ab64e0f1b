package io.regiolink.registry;

/** Why a value could not be decoded: the record's fault, or the registry's (then it is retried, never rejected). */
public enum DecodeFailure {
  /** The registry does not know the record's schema id. */
  UNKNOWN_SCHEMA,
  /** The bytes cannot be read with the schema they name, or are not in the wire format. */
  UNDECODABLE,
  /** The registry could not be asked; the record may be fine. */
  REGISTRY_UNAVAILABLE
}
