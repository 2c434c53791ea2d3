package com.plantar.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretHasherTest {

  private final SecretHasher hasher = TestRegistries.hasher();
  private final String token = new TokenGenerator(new SecureRandom()).newToken();

  @Test
  void hashNeitherEqualsNorContainsTheSecret() {
    String hash = hasher.hash(token);

    assertThat(hash).isNotEqualTo(token).doesNotContain(token).startsWith("pbkdf2-sha256$1000$");
  }

  @Test
  void equalSecretsGetDifferentHashesThatBothMatch() {
    String first = hasher.hash(token);
    String second = hasher.hash(token);

    assertThat(first).isNotEqualTo(second);
    assertThat(hasher.matches(token, first)).isTrue();
    assertThat(hasher.matches(token, second)).isTrue();
  }

  @Test
  void matchesOnlyTheSecretTheHashWasMadeFrom() {
    String hash = hasher.hash(token);
    String oneCharOff = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

    assertThat(hasher.matches(oneCharOff, hash)).isFalse();
    assertThat(hasher.matches("", hash)).isFalse();
  }

  @Test
  void verifiesHashesMadeWithAnotherIterationCount() {
    String hash = new SecretHasher(new SecureRandom(), 1_500).hash(token);

    assertThat(hasher.matches(token, hash)).isTrue();
  }

  @Test
  void productionHasherWritesItsIterationCountIntoTheHash() {
    SecretHasher production = SecretHasher.withDefaultIterations();

    String hash = production.hash(token);

    assertThat(hash).startsWith("pbkdf2-sha256$210000$");
    assertThat(production.matches(token, hash)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "plain-text", "pbkdf2-sha256$1000$c2FsdA", "sha256$1000$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "pbkdf2-sha256$x$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "pbkdf2-sha256$0$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "pbkdf2-sha256$99999999$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "pbkdf2-sha256$1000$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "pbkdf2-sha256$1000$c2FsdA$AAAA",
      "pbkdf2-sha256$1000$c2F*dA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void refusesAStoredHashItDidNotWrite(String damaged) {
    assertThatThrownBy(() -> hasher.matches(token, damaged)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokensAreDistinctAndWellFormed() {
    TokenGenerator generator = new TokenGenerator(new SecureRandom());
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String t = generator.newToken();
      assertThat(t).matches("[A-Za-z0-9_-]{43}");
      assertThat(TokenGenerator.isWellFormed(t.getBytes(StandardCharsets.US_ASCII))).isTrue();
      tokens.add(t);
    }
    assertThat(tokens).hasSize(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"})
  void passwordsThatCannotBeTokensAreNotWellFormed(String password) {
    assertThat(TokenGenerator.isWellFormed(password.getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(TokenGenerator.isWellFormed(null)).isFalse();
  }
}
