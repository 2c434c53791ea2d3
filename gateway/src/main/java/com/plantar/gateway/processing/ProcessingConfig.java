package com.plantar.gateway.processing;

import java.time.Duration;

/**
 * How processing runs: {@code shards} threads, each owning the gait state of the wearers that hash to
 * it, each fed through a hand-off queue of {@code shardQueueCapacity} frames by the one journal
 * reader; the checkpoint is attempted every {@code checkpointInterval}.
 */
public record ProcessingConfig(int shards, int shardQueueCapacity, Duration checkpointInterval) {
  public ProcessingConfig {
    if (shards < 1 || shards > 256) {
      throw new IllegalArgumentException("processing shards must be 1..256: " + shards);
    }
    if (shardQueueCapacity < 1) {
      throw new IllegalArgumentException("shard queue capacity must be positive: " + shardQueueCapacity);
    }
    if (checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("checkpoint interval must not be negative: " + checkpointInterval);
    }
  }

  /** One shard per available processor, 8,192 frames queued per shard, a checkpoint every second. */
  public static ProcessingConfig defaults() {
    return new ProcessingConfig(Runtime.getRuntime().availableProcessors(), 8_192, Duration.ofSeconds(1));
  }

  public ProcessingConfig withShards(int newShards) {
    return new ProcessingConfig(newShards, shardQueueCapacity, checkpointInterval);
  }

  public ProcessingConfig withCheckpointInterval(Duration newInterval) {
    return new ProcessingConfig(shards, shardQueueCapacity, newInterval);
  }
}
