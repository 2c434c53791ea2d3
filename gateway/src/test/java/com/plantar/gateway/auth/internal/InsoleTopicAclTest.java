package com.plantar.gateway.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.plantar.gateway.auth.AclDecision;
import com.plantar.gateway.auth.Principal;
import com.plantar.gateway.auth.Principal.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ACL as a table: every suffix of PROTOCOL §5.2 in both directions, for a device and a hub, on their
 * own prefixes and on others', plus wildcards, {@code $} topics and malformed topics. Expected answers
 * come from the protocol's two suffix lists written out here, not from the code under test.
 */
class InsoleTopicAclTest {

  private static final String A = "00000000000000a1";
  private static final String B = "00000000000000b2";
  private static final String UNPAIRED = "00000000000000c3";
  private static final List<String> DEVICE_PUBLISHES = List.of("hello", "state", "live", "sync", "time/req", "anchor", "evt");
  private static final List<String> DEVICE_SUBSCRIBES = List.of("ack", "time/res", "cmd");

  private static final Principal DEVICE_A = new Principal("acme", A, Kind.DEVICE, Set.of(A));
  private static final Principal HUB = new Principal("acme", "phone-1", Kind.HUB, Set.of(A, B));
  private static final Principal HUB_WITHOUT_DEVICES = new Principal("acme", "phone-2", Kind.HUB, Set.of());

  private final InsoleTopicAcl acl = new InsoleTopicAcl();

  /** (who, tenant in topic, device in topic, whether that is a prefix the principal acts for). */
  static Stream<Arguments> prefixes() {
    return Stream.of(
        Arguments.of("device on its own prefix", DEVICE_A, "acme", A, true),
        Arguments.of("device on another device of its tenant", DEVICE_A, "acme", B, false),
        Arguments.of("device on its own id under another tenant", DEVICE_A, "beta", A, false),
        Arguments.of("hub on a paired device", HUB, "acme", A, true),
        Arguments.of("hub on another paired device", HUB, "acme", B, true),
        Arguments.of("hub on an unpaired device", HUB, "acme", UNPAIRED, false),
        Arguments.of("hub on a paired id under another tenant", HUB, "beta", A, false),
        Arguments.of("hub without devices", HUB_WITHOUT_DEVICES, "acme", A, false),
        Arguments.of("device posing as its hub's other device", new Principal("acme", B, Kind.DEVICE, Set.of(B)), "acme", A, false));
  }

  static Stream<Arguments> everySuffixInBothDirections() {
    List<Arguments> rows = new ArrayList<>();
    List<String> allSuffixes = new ArrayList<>(DEVICE_PUBLISHES);
    allSuffixes.addAll(DEVICE_SUBSCRIBES);
    prefixes().forEach(p -> {
      Object[] a = p.get();
      for (String suffix : allSuffixes) {
        for (boolean publish : new boolean[] {true, false}) {
          boolean own = (Boolean) a[4];
          boolean rightDirection = (publish ? DEVICE_PUBLISHES : DEVICE_SUBSCRIBES).contains(suffix);
          AclDecision expected = !own ? AclDecision.DENY_NOT_OWN_PREFIX
              : rightDirection ? AclDecision.ALLOW : AclDecision.DENY_WRONG_DIRECTION;
          rows.add(Arguments.of(a[0], a[1], "insole/v1/" + a[2] + "/" + a[3] + "/" + suffix, publish, expected));
        }
      }
    });
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {3} {2} -> {4}")
  @MethodSource("everySuffixInBothDirections")
  void decidesEverySuffixByDirectionAndPrefix(String who, Principal principal, String topic, boolean publish, AclDecision expected) {
    AclDecision actual = publish ? acl.mayPublish(principal, topic) : acl.maySubscribe(principal, topic);

    assertThat(actual).isEqualTo(expected);
    assertThat(actual.allowed()).isEqualTo(expected == AclDecision.ALLOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "#", "+", "+/+", "insole/#", "insole/v1/#", "insole/v1/acme/#", "insole/v1/acme/+/cmd", "insole/v1/+/" + A + "/cmd",
      "insole/v1/acme/" + A + "/#", "insole/v1/acme/" + A + "/+", "insole/v1/acme/" + A + "/time/+", "insole/v1/acme/" + A + "/+/res",
      "$SYS/#", "$share/g/insole/v1/acme/" + A + "/#", "insole/v1/acme/" + A + "/cmd/#"})
  void refusesEveryWildcardSubscriptionEvenOneInsideItsOwnPrefix(String filter) {
    assertThat(acl.maySubscribe(DEVICE_A, filter)).isEqualTo(AclDecision.DENY_WILDCARD);
    assertThat(acl.maySubscribe(HUB, filter)).isEqualTo(AclDecision.DENY_WILDCARD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"insole/v1/acme/+/live", "insole/v1/acme/" + A + "/#", "#"})
  void aPublishTopicWithAWildcardIsMalformed(String topic) {
    assertThat(acl.mayPublish(DEVICE_A, topic)).isEqualTo(AclDecision.DENY_MALFORMED_TOPIC);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$SYS/broker/uptime", "$SYS/insole/v1/acme/" + A + "/cmd", "$share/g/insole/v1/acme/" + A + "/cmd",
      "$sparkplug/certificates/x", "insole/v2/acme/" + A + "/cmd", "other/topic", "/insole/v1/acme/" + A + "/cmd", "insole"})
  void topicsOutsideTheInsoleRootAreNotOwnInEitherDirection(String topic) {
    assertThat(acl.mayPublish(DEVICE_A, topic)).isEqualTo(AclDecision.DENY_NOT_OWN_PREFIX);
    assertThat(acl.maySubscribe(DEVICE_A, topic)).isEqualTo(AclDecision.DENY_NOT_OWN_PREFIX);
    assertThat(acl.mayPublish(HUB, topic)).isEqualTo(AclDecision.DENY_NOT_OWN_PREFIX);
    assertThat(acl.maySubscribe(HUB, topic)).isEqualTo(AclDecision.DENY_NOT_OWN_PREFIX);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "insole/v1/acme/" + A, "insole/v1/acme/" + A + "/", "insole/v1/acme/" + A + "/live/extra", "insole/v1/acme/" + A + "/time",
      "insole/v1/acme/" + A + "/time/xyz", "insole/v1/acme/" + A + "/LIVE", "insole/v1/acme/00000000000000A1/live",
      "insole/v1/acme/0000000000000a1/live", "insole/v1/acme//live", "insole/v1//" + A + "/live", "insole/v1/Acme/" + A + "/live",
      "insole/v1/acme/" + A + "/nope", "insole/v1/"})
  void malformedTopicsUnderTheRootAreMalformedInEitherDirection(String topic) {
    assertThat(acl.mayPublish(DEVICE_A, topic)).isEqualTo(AclDecision.DENY_MALFORMED_TOPIC);
    assertThat(acl.maySubscribe(DEVICE_A, topic)).isEqualTo(AclDecision.DENY_MALFORMED_TOPIC);
    assertThat(acl.mayPublish(HUB, topic)).isEqualTo(AclDecision.DENY_MALFORMED_TOPIC);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void anEmptyTopicIsMalformed(boolean publish) {
    AclDecision decision = publish ? acl.mayPublish(DEVICE_A, "") : acl.maySubscribe(DEVICE_A, "");
    assertThat(decision).isEqualTo(AclDecision.DENY_MALFORMED_TOPIC);
  }
}
