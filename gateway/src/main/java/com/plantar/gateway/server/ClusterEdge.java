package com.plantar.gateway.server;

import com.plantar.gateway.cluster.ActivityRelay;
import com.plantar.gateway.cluster.CommandRelay;
import com.plantar.gateway.cluster.KafkaCommands;
import com.plantar.gateway.cluster.LiveRelay;
import com.plantar.gateway.command.CommandSender;
import com.plantar.gateway.config.KafkaConfig;
import com.plantar.gateway.live.DeviceActivity;
import com.plantar.gateway.live.LiveFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * What an edge does through Kafka besides producing frames: commands from any instance's API to the
 * edge that holds the device ({@link KafkaCommands} out, {@link CommandRelay} in), the live view
 * of wearers processed elsewhere ({@link LiveRelay}) and their devices' sync status ({@link
 * ActivityRelay}). SCALING.md, "commands and the live view".
 */
final class ClusterEdge implements AutoCloseable {
  private final KafkaCommands commands;
  private final CommandRelay commandRelay;
  private final LiveRelay liveRelay;
  private final ActivityRelay activityRelay;

  private ClusterEdge(KafkaCommands commands, CommandRelay commandRelay, LiveRelay liveRelay,
      ActivityRelay activityRelay) {
    this.commands = commands;
    this.commandRelay = commandRelay;
    this.liveRelay = liveRelay;
    this.activityRelay = activityRelay;
  }

  /** Starts the relays; {@code activity} is the instance's device activity, filled from Kafka from now on. */
  static ClusterEdge start(KafkaConfig config, String clientId, CommandSender local, DeviceActivity activity,
      MeterRegistry metrics) throws InterruptedException {
    KafkaCommands commands = new KafkaCommands(config, clientId + "-commands");
    CommandRelay commandRelay = CommandRelay.start(config, clientId + "-command-relay", local);
    LiveRelay liveRelay = LiveRelay.start(config, clientId);
    ActivityRelay activityRelay = ActivityRelay.start(config, clientId, activity);
    relayed(metrics, commandRelay, "sent", CommandRelay::sent);
    relayed(metrics, commandRelay, "not_here", CommandRelay::notHere);
    relayed(metrics, commandRelay, "expired", CommandRelay::expired);
    relayed(metrics, commandRelay, "invalid", CommandRelay::invalid);
    FunctionCounter.builder("plantar.live.frames.relayed", liveRelay, LiveRelay::framesRelayed)
        .description("live frames of wearers processed elsewhere, received for viewers here").register(metrics);
    return new ClusterEdge(commands, commandRelay, liveRelay, activityRelay);
  }

  private static void relayed(MeterRegistry metrics, CommandRelay relay, String result,
      ToDoubleFunction<CommandRelay> count) {
    FunctionCounter.builder("plantar.commands.relayed", relay, count).tag("result", result)
        .description("commands read from Kafka by this edge, by what became of them").register(metrics);
  }

  CommandSender commands() {
    return commands;
  }

  LiveFeed liveFeed() {
    return liveRelay.feed();
  }

  @Override
  public void close() {
    commandRelay.close();
    liveRelay.close();
    activityRelay.close();
    commands.close();
  }
}
