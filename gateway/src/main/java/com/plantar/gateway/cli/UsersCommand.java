package com.plantar.gateway.cli;

import static com.plantar.gateway.cli.RegistryCommandSupport.say;
import static com.plantar.gateway.cli.RegistryCommandSupport.withRegistry;

import com.plantar.gateway.api.auth.PasswordHasher;
import com.plantar.gateway.api.auth.SecretTokens;
import com.plantar.gateway.registry.Account;
import com.plantar.gateway.registry.Accounts;
import com.plantar.gateway.registry.RegistryException;
import com.plantar.gateway.registry.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plantar users add|list|assign|reset-password}: people who sign in to the HTTP API. A password
 * is read from stdin with {@code --password-stdin}, or generated (20 random URL-safe characters,
 * printed once on stdout); only its Argon2id hash is stored.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage API accounts (admin, physio, wearer) in the registry (DIR/" + RegistryOpener.DB_FILE + ").")
public final class UsersCommand implements Runnable {
  static final int MIN_PASSWORD_LENGTH = 10;

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./plantar-data", scope = ScopeType.INHERIT,
      description = "Gateway data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  private final RegistryOpener opener;
  private final PasswordHasher hasher;

  public UsersCommand() {
    this(RegistryOpener.PRODUCTION, new PasswordHasher(PasswordHasher.RECOMMENDED, new SecureRandom()));
  }

  UsersCommand(RegistryOpener opener, PasswordHasher hasher) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add an account; prints a generated password once unless --password-stdin.")
  int add(
      @Option(names = "--role", required = true, description = "admin, physio or wearer.") String role,
      @Option(names = "--wearer", paramLabel = "WEARER_ID", description = "For a wearer account: the wearer it is.")
          Optional<String> wearer,
      @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
          boolean fromStdin,
      @Parameters(paramLabel = "USERNAME", description = "2-64 of a-z 0-9 . _ -") String username) {
    return withRegistry(spec, opener, dataDir, registry -> {
      Role parsed = Role.fromLabel(role);
      if (wearer.isPresent() && registry.wearers().find(wearer.get()).isEmpty()) {
        throw new RegistryException(RegistryException.Reason.NOT_FOUND, "wearer " + wearer.get() + " is not registered");
      }
      String password = password(fromStdin);
      registry.accounts().add(username, parsed, hasher.hash(password), wearer);
      return printPassword(username, password, fromStdin, "added " + parsed.label() + " " + username);
    });
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List accounts, one per line, tab-separated: USERNAME ROLE WEARER CREATED ASSIGNED (- if none).")
  int list() {
    return withRegistry(spec, opener, dataDir, registry -> {
      PrintWriter out = spec.commandLine().getOut();
      Accounts accounts = registry.accounts();
      for (Account a : accounts.list()) {
        var assigned = accounts.assignedWearers(a.username());
        out.println(String.join("\t", a.username(), a.role().label(), a.wearerId().orElse("-"),
            RegistryCommandSupport.time(a.createdAt()), assigned.isEmpty() ? "-" : String.join(",", assigned)));
      }
      out.flush();
      return 0;
    });
  }

  @Command(name = "assign", mixinStandardHelpOptions = true,
      description = "Let a physiotherapist see wearers.")
  int assign(@Parameters(index = "0", paramLabel = "USERNAME") String username,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "WEARER_ID") String[] wearerIds) {
    return withRegistry(spec, opener, dataDir, registry -> {
      for (String wearerId : wearerIds) {
        if (registry.wearers().find(wearerId).isEmpty()) {
          throw new RegistryException(RegistryException.Reason.NOT_FOUND, "wearer " + wearerId + " is not registered");
        }
        say(spec, registry.accounts().assign(username, wearerId)
            ? "assigned wearer " + wearerId + " to " + username
            : username + " was already assigned wearer " + wearerId);
      }
      return 0;
    });
  }

  @Command(name = "reset-password", mixinStandardHelpOptions = true,
      description = "Set a new password (generated and printed once unless --password-stdin); ends the user's sessions and tokens.")
  int resetPassword(
      @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
          boolean fromStdin,
      @Parameters(paramLabel = "USERNAME") String username) {
    return withRegistry(spec, opener, dataDir, registry -> {
      String password = password(fromStdin);
      registry.accounts().resetPassword(username, hasher.hash(password));
      return printPassword(username, password, fromStdin, "password of " + username + " reset");
    });
  }

  private String password(boolean fromStdin) {
    if (!fromStdin) {
      return new SecretTokens(new SecureRandom()).newSecret().substring(0, 20);
    }
    String line;
    try {
      line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Reason.INVALID_ARGUMENT, "cannot read the password: " + e.getMessage());
    }
    if (line == null || line.length() < MIN_PASSWORD_LENGTH) {
      throw new RegistryException(RegistryException.Reason.INVALID_ARGUMENT,
          "the password must be at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    return line;
  }

  private int printPassword(String username, String password, boolean fromStdin, String done) {
    if (fromStdin) {
      return say(spec, done);
    }
    spec.commandLine().getOut().println(password);
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().println(done + "; the password printed above is shown only this once.");
    spec.commandLine().getErr().flush();
    return 0;
  }
}
