package com.plantar.simulator.mqtt;

/** Which MQTT protocol the Paho client speaks. */
public enum MqttVersion {
  V5,
  V3
}
