package com.plantar.gateway.auth.internal;

import com.plantar.gateway.auth.AuthFailure;
import com.plantar.gateway.auth.AuthResult;
import com.plantar.gateway.auth.Authenticator;
import com.plantar.gateway.auth.Principal;
import com.plantar.gateway.registry.Credential;
import com.plantar.gateway.registry.IdentityFormat;
import com.plantar.gateway.registry.IdentityKind;
import com.plantar.gateway.registry.Registry;
import com.plantar.gateway.registry.RegistryException;
import com.plantar.gateway.registry.SecretHasher;
import com.plantar.gateway.registry.TokenGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates against the {@link Registry}: username = identity (device id or hub id), password =
 * its token, client id = the identity; or, over mutual TLS, the verified certificate CN = identity.
 *
 * <p>Every call reads the identity's row from the database (an indexed lookup), so a revocation or
 * rotation made by any process applies to the very next CONNECT. Only the slow PBKDF2 check is cached
 * (see {@link VerifiedSecretCache}): a cache hit costs a SHA-256 and that lookup. Refusals are counted
 * in {@link AuthCounters} and logged at INFO with the reason, identity and client id (cut to printable
 * ASCII), never with the password.
 *
 * <p>Unknown and revoked identities are refused before any hashing; that lets a prober learn which ids
 * exist from timing, which is accepted: device ids are not secrets (they appear in topics).
 *
 * <p>Thread-safe; blocks on the database and on one PBKDF2 run (see gateway/AUTH.md for its cost), so
 * call it off the event loop.
 *
 * <p>Both methods throw {@link RegistryException} (reason STORAGE) if the registry cannot be read or a
 * stored hash is damaged; the broker then refuses the CONNECT as "server unavailable".
 */
public final class RegistryAuthenticator implements Authenticator {

  private static final Logger log = LoggerFactory.getLogger(RegistryAuthenticator.class);
  private static final int MAX_LOGGED_CHARS = 64;

  private final Registry registry;
  private final SecretHasher hasher;
  private final VerifiedSecretCache cache;
  private final AuthCounters counters;

  public RegistryAuthenticator(Registry registry, SecretHasher hasher, VerifiedSecretCache cache, AuthCounters counters) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  @Override
  public AuthResult authenticate(String clientId, String username, byte[] password) {
    Optional<AuthFailure> shape = checkShape(clientId, username);
    if (shape.isPresent()) {
      return refuse(shape.get(), clientId, username);
    }
    Optional<Credential> found = registry.findCredential(username);
    if (found.isEmpty()) {
      return refuse(AuthFailure.UNKNOWN_IDENTITY, clientId, username);
    }
    Credential credential = found.get();
    if (credential.revoked()) {
      return refuse(AuthFailure.REVOKED, clientId, username);
    }
    if (!TokenGenerator.isWellFormed(password) || !tokenMatches(credential, password)) {
      return refuse(AuthFailure.BAD_SECRET, clientId, username);
    }
    return allow(credential);
  }

  @Override
  public AuthResult authenticateCertificate(String clientId, String certificateCn) {
    Optional<AuthFailure> shape = checkShape(clientId, certificateCn);
    if (shape.isPresent()) {
      return refuse(shape.get(), clientId, certificateCn);
    }
    Optional<Credential> found = registry.findCredential(certificateCn);
    if (found.isEmpty()) {
      return refuse(AuthFailure.UNKNOWN_IDENTITY, clientId, certificateCn);
    }
    if (found.get().revoked()) {
      return refuse(AuthFailure.REVOKED, clientId, certificateCn);
    }
    return allow(found.get());
  }

  /**
   * The identity must be a device id or hub id, and the client id must be that identity: sessions and
   * takeover are keyed by client id, so this keeps one identity from taking over another's session.
   */
  private static Optional<AuthFailure> checkShape(String clientId, String identity) {
    boolean wellFormed = IdentityFormat.isDeviceId(identity) || IdentityFormat.isHubId(identity);
    return wellFormed && identity.equals(clientId) ? Optional.empty() : Optional.of(AuthFailure.MALFORMED_IDENTITY);
  }

  private boolean tokenMatches(Credential credential, byte[] password) {
    String digest = sha256(password);
    Optional<Boolean> remembered = cache.lookup(credential.identity(), digest, credential.secretHash());
    if (remembered.isPresent()) {
      counters.recordCacheHit();
      return remembered.get();
    }
    counters.recordSlowHashCheck();
    boolean matched;
    try {
      // Well-formed tokens are ASCII, so this decoding is exact.
      matched = hasher.matches(new String(password, StandardCharsets.US_ASCII), credential.secretHash());
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Reason.STORAGE,
          "stored hash of " + credential.identity() + " is damaged", e);
    }
    cache.remember(credential.identity(), digest, credential.secretHash(), matched);
    return matched;
  }

  private AuthResult allow(Credential credential) {
    counters.recordAllowed();
    Principal.Kind kind = credential.kind() == IdentityKind.DEVICE ? Principal.Kind.DEVICE : Principal.Kind.HUB;
    log.debug("CONNECT allowed: {} {} of tenant {}", kind, credential.identity(), credential.tenant());
    return new AuthResult.Allowed(new Principal(credential.tenant(), credential.identity(), kind, credential.deviceIds()));
  }

  private AuthResult refuse(AuthFailure reason, String clientId, String identity) {
    counters.recordRefused(reason);
    log.info("CONNECT refused ({}): identity={} clientId={}", reason, printable(identity), printable(clientId));
    return new AuthResult.Refused(reason);
  }

  /** Client-supplied text made safe for a log line: printable ASCII only, bounded length. */
  static String printable(String s) {
    if (s == null) {
      return "<none>";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LOGGED_CHARS) + 3);
    for (int i = 0; i < s.length() && i < MAX_LOGGED_CHARS; i++) {
      char ch = s.charAt(i);
      b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
    }
    return s.length() > MAX_LOGGED_CHARS ? b.append("...").toString() : b.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
