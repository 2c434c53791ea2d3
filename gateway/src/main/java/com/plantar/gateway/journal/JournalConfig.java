package com.plantar.gateway.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the journal lives and how it commits. {@code commitInterval} is the longest a record waits
 * for its fsync (group commit: every record that arrives meanwhile shares it); {@code segmentBytes}
 * is the size at which a new segment file starts; {@code maxBytes} the disk budget.
 */
public record JournalConfig(Path directory, Duration commitInterval, int segmentBytes, long maxBytes,
    int queueCapacity) {
  public JournalConfig {
    if (commitInterval.isNegative() || segmentBytes < 1 << 16 || maxBytes < segmentBytes || queueCapacity < 1) {
      throw new IllegalArgumentException("journal: commit interval ≥ 0, segments ≥ 64 KiB, "
          + "budget ≥ one segment, queue ≥ 1");
    }
  }

  public static JournalConfig defaults(Path directory) {
    return new JournalConfig(directory, Duration.ofMillis(2), 64 << 20, 8L << 30, 65_536);
  }
}
