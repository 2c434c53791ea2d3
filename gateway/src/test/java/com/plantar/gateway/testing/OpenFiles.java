package com.plantar.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The files this JVM holds open (Linux: {@code /proc/self/fd}), and removing a tree under a running server. */
public final class OpenFiles {
  private static final Path DESCRIPTORS = Path.of("/proc/self/fd");

  private OpenFiles() {}

  /** Whether {@link #count()} can be read here. */
  public static boolean countable() {
    return Files.isDirectory(DESCRIPTORS);
  }

  /** How many file descriptors this process has open. */
  public static long count() {
    try (Stream<Path> descriptors = Files.list(DESCRIPTORS)) {
      return descriptors.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code root} and everything below it, as {@code rm -rf} would, open files included. */
  public static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
