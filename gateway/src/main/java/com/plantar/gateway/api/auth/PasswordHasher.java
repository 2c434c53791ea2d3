package com.plantar.gateway.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, so
 * the parameters a hash was made with travel with it and can be raised later without breaking
 * existing passwords.
 *
 * <p>{@link #RECOMMENDED}: 19 MiB of memory, 2 passes, 1 lane, 16-byte salt, 32-byte hash: the first of
 * OWASP's Argon2id configurations (Password Storage Cheat Sheet), which RFC 9106 §4 leaves to the
 * deployment. Memory hardness is what makes GPU guessing expensive; 19 MiB × 2 passes costs tens of
 * milliseconds here, acceptable for a login, and parallelism 1 because the gateway's cores belong to
 * ingest (the API also runs at most two verifications at a time, see {@code SessionRoutes}).
 *
 * <p>Immutable and thread-safe; every call allocates its memory blocks (that is the point).
 */
public final class PasswordHasher {
  /** Parameters of one Argon2id configuration. */
  public record Cost(int memoryKib, int iterations, int parallelism) {
    public Cost {
      if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
        throw new IllegalArgumentException("Argon2 needs memory ≥ 8 KiB per lane, ≥ 1 pass, ≥ 1 lane");
      }
    }
  }

  public static final Cost RECOMMENDED = new Cost(19 * 1024, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private final Cost cost;
  private final SecureRandom random;

  public PasswordHasher(Cost cost, SecureRandom random) {
    this.cost = Objects.requireNonNull(cost, "cost");
    this.random = Objects.requireNonNull(random, "random");
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, cost, HASH_BYTES);
    return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code phc}; false (never an exception) for a malformed hash. */
  public boolean verify(String password, String phc) {
    String[] parts = phc.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      Cost stored = parseCost(parts[3]);
      byte[] salt = B64_DECODE.decode(parts[4]);
      byte[] expected = B64_DECODE.decode(parts[5]);
      byte[] actual = derive(password, salt, stored, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Cost parseCost(String text) {
    int m = -1;
    int t = -1;
    int p = -1;
    for (String pair : text.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("bad parameter " + pair);
      }
      int value = Integer.parseInt(kv[1]);
      switch (kv[0]) {
        case "m" -> m = value;
        case "t" -> t = value;
        case "p" -> p = value;
        default -> throw new IllegalArgumentException("unknown parameter " + kv[0]);
      }
    }
    // Refuse absurd stored costs rather than let a tampered row exhaust memory.
    if (m > 1024 * 1024 || t > 64 || p > 16) {
      throw new IllegalArgumentException("cost out of range");
    }
    return new Cost(m, t, p);
  }

  private static byte[] derive(String password, byte[] salt, Cost cost, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(cost.memoryKib())
        .withIterations(cost.iterations())
        .withParallelism(cost.parallelism())
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
