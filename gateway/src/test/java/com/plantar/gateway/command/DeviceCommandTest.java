package com.plantar.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeviceCommandTest {
  private static final String DEVICE = "00000000000000d1";

  @Test
  void payloadIsTheProtocolsJsonOnTheDevicesCommandTopic() {
    DeviceCommand rebirth = new DeviceCommand("a1", "clinic", DEVICE, "rebirth", 0, 0);
    assertThat(rebirth.topic()).isEqualTo("insole/v1/clinic/00000000000000d1/cmd");
    assertThat(new String(rebirth.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"cmd\":\"rebirth\",\"id\":\"a1\"}");
    DeviceCommand rate = new DeviceCommand("a2", "clinic", DEVICE, "set_rate", 100, 0);
    assertThat(new String(rate.payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"cmd\":\"set_rate\",\"id\":\"a2\",\"rate_hz\":100}");
  }

  @Test
  void refusesWhatFirmwareWouldNotUnderstandOrWhatCouldEscapeItsTopic() {
    assertThatThrownBy(() -> new DeviceCommand("a", "clinic", DEVICE, "format_flash", 0, 0))
        .hasMessageContaining("unknown command");
    assertThatThrownBy(() -> new DeviceCommand("a", "clinic", DEVICE, "set_rate", 0, 0)).hasMessageContaining("rate_hz");
    assertThatThrownBy(() -> new DeviceCommand("a", "clinic", DEVICE, "set_rate", 1_001, 0))
        .hasMessageContaining("rate_hz");
    assertThatThrownBy(() -> new DeviceCommand("a", "clinic", DEVICE, "tare", 50, 0)).hasMessageContaining("rate_hz");
    assertThatThrownBy(() -> new DeviceCommand("a", "clinic/#", DEVICE, "tare", 0, 0)).hasMessageContaining("tenant");
    assertThatThrownBy(() -> new DeviceCommand("a", "clinic", "00000000000000D1", "tare", 0, 0))
        .hasMessageContaining("device id");
    assertThatThrownBy(() -> new DeviceCommand("a\"}", "clinic", DEVICE, "tare", 0, 0))
        .hasMessageContaining("command id");
  }

  @Test
  void expiresAfterItsTime() {
    DeviceCommand command = new DeviceCommand("a", "clinic", DEVICE, "tare", 0, 1_000);
    assertThat(command.expired(1_000)).isFalse();
    assertThat(command.expired(1_001)).isTrue();
  }
}
