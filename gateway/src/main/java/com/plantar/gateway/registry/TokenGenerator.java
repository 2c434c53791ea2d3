package com.plantar.gateway.registry;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes tokens: 32 random bytes from {@link SecureRandom}, base64url without padding (43 characters).
 * Thread-safe.
 */
public final class TokenGenerator {

  private static final int TOKEN_BYTES = 32;
  /** Length of a token's text: ceil(32 * 8 / 6). */
  public static final int TOKEN_LENGTH = 43;

  private final SecureRandom random;

  public TokenGenerator(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  public String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Whether presented password bytes have the shape of a token (43 base64url characters). Anything
   * else cannot match, so it is refused before any hashing: a cheap bound on what an attacker can make
   * the gateway hash.
   */
  public static boolean isWellFormed(byte[] presented) {
    if (presented == null || presented.length != TOKEN_LENGTH) {
      return false;
    }
    for (byte b : presented) {
      boolean base64url = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }
}
