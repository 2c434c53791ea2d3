package com.plantar.gateway.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher cheap = new PasswordHasher(new PasswordHasher.Cost(256, 1, 1), new SecureRandom());

  @Test
  void theRecommendedCostIsArgon2idWith19MibTwoPassesOneLane() {
    String phc = new PasswordHasher(PasswordHasher.RECOMMENDED, new SecureRandom()).hash("correct horse");
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(cheap.verify("correct horse", phc)).isTrue();
  }

  @Test
  void verifiesOnlyTheRightPasswordAndSaltsEachHash() {
    String phc = cheap.hash("s3cret-pass");
    assertThat(cheap.verify("s3cret-pass", phc)).isTrue();
    assertThat(cheap.verify("s3cret-pasS", phc)).isFalse();
    assertThat(cheap.hash("s3cret-pass")).isNotEqualTo(phc);
  }

  @Test
  void aMalformedOrTamperedHashIsAFailedLoginNotAnException() {
    String phc = cheap.hash("pw-1234567");
    assertThat(cheap.verify("pw-1234567", phc.replace("t=1", "t=2"))).isFalse();
    assertThat(cheap.verify("pw-1234567", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA")).isFalse();
    assertThat(cheap.verify("pw-1234567", "pbkdf2-sha256$1$x$y")).isFalse();
    assertThat(cheap.verify("pw-1234567", "$argon2id$v=19$m=256,t=1,p=1$!!$??")).isFalse();
  }
}
