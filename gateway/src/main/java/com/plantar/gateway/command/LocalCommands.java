package com.plantar.gateway.command;

import com.plantar.gateway.mqtt.MqttServer;
import com.plantar.gateway.mqtt.ServerPublish;
import java.util.concurrent.CompletionStage;

/**
 * Commands to the devices connected to this instance's MQTT server: published at QoS 1 on the
 * device's command topic, to which the device (or the hub it is paired to) subscribes.
 */
public final class LocalCommands implements CommandSender {
  private final MqttServer mqtt;

  public LocalCommands(MqttServer mqtt) {
    this.mqtt = mqtt;
  }

  @Override
  public CompletionStage<CommandResult> send(DeviceCommand command) {
    return mqtt.deliver(ServerPublish.of(command.topic(), command.payload(), 1))
        .thenApply(sessions -> sessions > 0 ? CommandResult.QUEUED : CommandResult.NOT_CONNECTED);
  }
}
