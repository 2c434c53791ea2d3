package com.plantar.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.plantar.gateway.auth.InsoleTopic.Suffix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InsoleTopicTest {

  @ParameterizedTest
  @CsvSource({
      "hello, HELLO", "state, STATE", "live, LIVE", "sync, SYNC", "time/req, TIME_REQ", "anchor, ANCHOR", "evt, EVT",
      "ack, ACK", "time/res, TIME_RES", "cmd, CMD"})
  void parsesEverySuffixOfTheTopicLayout(String path, Suffix suffix) {
    assertThat(InsoleTopic.parse("insole/v1/acme/00000000000000a1/" + path))
        .contains(new InsoleTopic("acme", 0xa1L, suffix));
  }

  @Test
  void suffixesAreExactlyThoseOfTheProtocolWithTheirDirections() {
    assertThat(Arrays.stream(Suffix.values()).filter(Suffix::publishedByDevice).map(Suffix::path))
        .containsExactlyInAnyOrder("hello", "state", "live", "sync", "time/req", "anchor", "evt");
    assertThat(Arrays.stream(Suffix.values()).filter(s -> !s.publishedByDevice()).map(Suffix::path))
        .containsExactlyInAnyOrder("ack", "time/res", "cmd");
  }

  @Test
  void readsTheDeviceIdAsAnUnsigned64BitNumber() {
    InsoleTopic top = InsoleTopic.parse("insole/v1/t/ffffffffffffffff/live").orElseThrow();
    InsoleTopic small = InsoleTopic.parse("insole/v1/t/0000000000000001/live").orElseThrow();

    assertThat(top.deviceId()).isEqualTo(-1L);
    assertThat(top.deviceHex()).isEqualTo("ffffffffffffffff");
    assertThat(small.deviceId()).isEqualTo(1L);
    assertThat(small.deviceHex()).isEqualTo("0000000000000001");
    assertThat(new InsoleTopic("t", 0x8000_0000_0000_00abL, Suffix.ACK).deviceHex()).isEqualTo("80000000000000ab");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "insole/v1/", "insole/v1/acme", "insole/v1/acme/", "insole/v1/acme/00000000000000a1",
      "insole/v1/acme/00000000000000a1/", "insole/v1/acme/00000000000000A1/live", "insole/v1/acme/0000000000000a1/live",
      "insole/v1/acme/000000000000000a1/live", "insole/v1/acme/00000000000000g1/live", "insole/v1/acme/00000000000000a1/LIVE",
      "insole/v1/acme/00000000000000a1/live/", "insole/v1/acme/00000000000000a1/live/extra", "insole/v1/acme/00000000000000a1/time",
      "insole/v1/acme/00000000000000a1/time/xyz", "insole/v1/acme/00000000000000a1/unknown", "insole/v1//00000000000000a1/live",
      "insole/v1/Acme/00000000000000a1/live", "insole/v1/+/00000000000000a1/live", "insole/v1/acme/+/live",
      "insole/v1/acme/00000000000000a1/#", "insole/v2/acme/00000000000000a1/live", "/insole/v1/acme/00000000000000a1/live",
      "$SYS/insole/v1/acme/00000000000000a1/live", "insole/v1/acme/extra/00000000000000a1/live"})
  void refusesAnythingButOneExactInsoleTopic(String topic) {
    assertThat(InsoleTopic.parse(topic)).isEmpty();
  }

  @Test
  void aTopicValueCannotHoldATenantThatIsNotATopicLevel() {
    assertThatThrownBy(() -> new InsoleTopic("ac/me", 1L, Suffix.ACK)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InsoleTopic("+", 1L, Suffix.ACK)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNull() {
    assertThat(InsoleTopic.parse(null)).isEmpty();
  }
}
