package com.plantar.gateway.registry;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted slow hashes of tokens: PBKDF2-HMAC-SHA256 from the JDK, a random 16-byte salt per secret and
 * a 32-byte key, encoded as {@code pbkdf2-sha256$ITERATIONS$SALT$KEY} (salt and key base64url without
 * padding). The iteration count travels inside each hash, so the count for new hashes can change
 * without invalidating stored ones. Comparison is constant-time ({@link MessageDigest#isEqual}).
 *
 * <p>Cost: one {@link #matches} at {@link #DEFAULT_ITERATIONS} costs one PBKDF2 run on the calling
 * thread (measured by {@code SecretHasherBenchmark}, see gateway/AUTH.md), which is why the
 * authenticator caches verified secrets. Thread-safe: no mutable state besides the thread-safe
 * {@link SecureRandom}.
 */
public final class SecretHasher {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 210_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  /** Bounds a stored count, so that a damaged database cannot make one check run for minutes. */
  private static final int MAX_ITERATIONS = 10_000_000;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecureRandom random;
  private final int iterations;

  /**
   * @param iterations the PBKDF2 count for new hashes; tests may use a small one, production uses
   *     {@link #DEFAULT_ITERATIONS}
   */
  public SecretHasher(SecureRandom random, int iterations) {
    this.random = Objects.requireNonNull(random, "random");
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations out of range [1, " + MAX_ITERATIONS + "]: " + iterations);
    }
    this.iterations = iterations;
  }

  /** The production hasher: a new {@link SecureRandom} and {@link #DEFAULT_ITERATIONS}. */
  public static SecretHasher withDefaultIterations() {
    return new SecretHasher(new SecureRandom(), DEFAULT_ITERATIONS);
  }

  /** Hashes a secret with a fresh random salt, so equal secrets get different hashes. */
  public String hash(String secret) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = derive(secret, salt, iterations);
    return SCHEME + '$' + iterations + '$' + ENCODER.encodeToString(salt) + '$' + ENCODER.encodeToString(key);
  }

  /**
   * Whether {@code secret} is the one {@code encodedHash} was made from, compared in constant time.
   *
   * @throws IllegalArgumentException if {@code encodedHash} is not a hash this class writes
   */
  public boolean matches(String secret, String encodedHash) {
    String[] parts = encodedHash.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("not a " + SCHEME + " hash");
    }
    int storedIterations;
    byte[] salt;
    byte[] expected;
    try {
      storedIterations = Integer.parseInt(parts[1]);
      salt = DECODER.decode(parts[2]);
      expected = DECODER.decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("damaged " + SCHEME + " hash", e);
    }
    if (storedIterations < 1 || storedIterations > MAX_ITERATIONS || salt.length == 0 || expected.length * 8 != KEY_BITS) {
      throw new IllegalArgumentException("damaged " + SCHEME + " hash");
    }
    return MessageDigest.isEqual(derive(secret, salt, storedIterations), expected);
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    char[] chars = secret.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // Every Java 17 runtime ships PBKDF2WithHmacSHA256; missing it is a broken JDK, not bad input.
      throw new IllegalStateException(ALGORITHM + " unavailable", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }
}
