package com.plantar.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code plantar} command line: one entry point for the gateway, the simulator and the tools.
 * Subcommands are registered in the {@code subcommands} list below; each lives in its own class.
 */
@Command(
    name = "plantar",
    mixinStandardHelpOptions = true,
    versionProvider = PlantarVersion.class,
    description = "Smart-insole data gateway: MQTT ingest, gait metrics, storage and API.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ServeCommand.class,
      ProcessCommand.class,
      DemoCommand.class,
      DevicesCommand.class,
      HubsCommand.class,
      UsersCommand.class,
      AnalyzeCommand.class,
      SimulateCommand.class,
      BenchIngestCommand.class,
    })
public final class PlantarCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No subcommand given: show what there is instead of silently doing nothing.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PlantarCommand()).execute(args));
  }
}
