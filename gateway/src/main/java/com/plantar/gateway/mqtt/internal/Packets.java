package com.plantar.gateway.mqtt.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import java.util.List;

/** Builds the MQTT packets the broker sends. Pure functions; v3 clients get no properties. */
final class Packets {

  static final MqttMessage PINGRESP =
      new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

  private Packets() {}

  static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent, MqttProperties props) {
    return new MqttConnAckMessage(
        new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttConnAckVariableHeader(code, sessionPresent, props == null ? MqttProperties.NO_PROPERTIES : props));
  }

  static MqttPublishMessage publish(
      String topic, int qos, boolean retain, boolean dup, int packetId, MqttProperties props, ByteBuf payload) {
    return new MqttPublishMessage(
        new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
        new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId, props),
        payload);
  }

  /** PUBACK, PUBREC, PUBREL or PUBCOMP with a reason code (and reason string for v5). */
  static MqttMessage pubReply(MqttMessageType type, int packetId, int reasonCode, String reason, boolean v5) {
    MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
    MqttProperties props = v5 ? reasonString(reason) : MqttProperties.NO_PROPERTIES;
    return new MqttMessage(
        new MqttFixedHeader(type, false, qos, false, 0),
        new MqttPubReplyMessageVariableHeader(packetId, v5 ? (byte) reasonCode : 0, props));
  }

  static MqttSubAckMessage subAck(int packetId, List<Integer> reasonCodes) {
    return new MqttSubAckMessage(
        new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
        new MqttSubAckPayload(reasonCodes));
  }

  static MqttUnsubAckMessage unsubAck(int packetId, List<Short> reasonCodes, boolean v5) {
    return new MqttUnsubAckMessage(
        new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
        v5 ? new MqttUnsubAckPayload(reasonCodes) : null);
  }

  static MqttMessage disconnect(int reasonCode, String reason) {
    return new MqttMessage(
        new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode, reasonString(reason)));
  }

  static MqttProperties reasonString(String reason) {
    if (reason == null) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties props = new MqttProperties();
    props.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reason));
    return props;
  }
}
