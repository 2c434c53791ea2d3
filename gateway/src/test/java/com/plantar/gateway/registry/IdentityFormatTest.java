package com.plantar.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityFormatTest {

  @Test
  void aTenantIsOneToSixtyFourOfLowercaseLettersDigitsUnderscoreAndDashStartingWithALetterOrDigit() {
    assertThat(IdentityFormat.isTenant("acme")).isTrue();
    assertThat(IdentityFormat.isTenant("0")).isTrue();
    assertThat(IdentityFormat.isTenant("clinic-7_north")).isTrue();
    assertThat(IdentityFormat.isTenant("a" + "-".repeat(63))).isTrue();

    assertThat(IdentityFormat.isTenant(null)).isFalse();
    assertThat(IdentityFormat.isTenant("")).isFalse();
    assertThat(IdentityFormat.isTenant("a".repeat(65))).isFalse();
    assertThat(IdentityFormat.isTenant("-acme")).isFalse();
    assertThat(IdentityFormat.isTenant("_acme")).isFalse();
    assertThat(IdentityFormat.isTenant("Acme")).isFalse();
    assertThat(IdentityFormat.isTenant("ac.me")).isFalse();
    assertThat(IdentityFormat.isTenant("ac me")).isFalse();
    assertThat(IdentityFormat.isTenant("acm\u00e9")).isFalse();
    assertThat(IdentityFormat.isTenant("acme/x")).isFalse();
  }
}
