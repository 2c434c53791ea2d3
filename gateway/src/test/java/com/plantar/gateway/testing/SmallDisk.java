package com.plantar.gateway.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for one test: a real disk that fills up, with the short writes and torn
 * records that come with it. Mounting needs root and leave to mount. Where either is missing the test
 * is skipped, unless {@code PLANTAR_SMALL_DISK=required}: {@code scripts/test} sets that where it could
 * mount one, so that there (and in CI) these tests fail rather than skip. A filler file takes up space
 * and gives it back.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path root;
  private final Path filler;

  private SmallDisk(Path root) {
    this.root = root;
    this.filler = root.resolve("filler");
  }

  /** Mounts a tmpfs of {@code size} (as mount's option: "1m", "64m") on {@code mountPoint}, created if missing. */
  public static SmallDisk mount(Path mountPoint, String size) throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
    String why = "cannot mount a tmpfs here: " + output.strip();
    if (!mounted && "required".equals(System.getenv("PLANTAR_SMALL_DISK"))) {
      throw new IllegalStateException(why + " (PLANTAR_SMALL_DISK=required)");
    }
    Assumptions.assumeTrue(mounted, why);
    return new SmallDisk(mountPoint);
  }

  public Path root() {
    return root;
  }

  /** Takes up {@code bytes} more with the filler file. */
  public void occupy(int bytes) throws IOException {
    Files.write(filler, new byte[bytes], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Takes up all that is left, to the last page. */
  public void fill() throws IOException {
    ByteBuffer block = ByteBuffer.allocate(64 << 10);
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      while (true) {
        block.clear();
        channel.write(block);
      }
    } catch (IOException full) {
      // "No space left on device": full
    }
  }

  /** Takes up all but about {@code bytes}: the filler is filled, then cut back by that much. */
  public void fillLeaving(long bytes) throws IOException {
    fill();
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      channel.truncate(Math.max(0, channel.size() - bytes));
    }
  }

  /** Gives back what the filler took. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  /** Unmounts lazily: files read through a memory map stay mapped until they are collected. */
  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("umount", "--lazy", root.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
  }
}
