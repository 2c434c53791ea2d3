package com.plantar.gateway.command;

import java.util.concurrent.CompletionStage;

/** Sends commands to devices; callable from any thread, never blocks. */
public interface CommandSender {
  /** Completes with what became of it, or exceptionally when it could not be handed on (cluster: Kafka away). */
  CompletionStage<CommandResult> send(DeviceCommand command);
}
