package com.plantar.gateway.server;

import com.plantar.gateway.command.CommandResult;
import com.plantar.gateway.command.CommandSender;
import com.plantar.gateway.command.DeviceCommand;
import com.plantar.gateway.ingest.DeviceOutbox;
import java.util.concurrent.CompletionStage;

/**
 * With a bridge to an external broker a device is connected here or there: a command no session here
 * takes goes out through the bridge, whose broker does not tell whether anyone subscribes ({@link
 * CommandResult#ROUTED}).
 */
final class BridgedCommands implements CommandSender {
  private final CommandSender local;
  private final DeviceOutbox bridge;

  BridgedCommands(CommandSender local, DeviceOutbox bridge) {
    this.local = local;
    this.bridge = bridge;
  }

  @Override
  public CompletionStage<CommandResult> send(DeviceCommand command) {
    return local.send(command).thenApply(result -> {
      if (result == CommandResult.QUEUED) {
        return result;
      }
      bridge.publish(command.topic(), command.payload(), 1);
      return CommandResult.ROUTED;
    });
  }
}
