package com.plantar.protocol;

import java.util.List;

/**
 * DATA: {@code sampleCount} samples of every block, the first at monotonic {@code firstSampleUs},
 * the last {@code spanUs} later (PROTOCOL.md §6). {@code seq}, {@code spanUs} and {@code configId}
 * are u32.
 */
public record DataFrame(FrameHeader header, long seq, long firstSampleUs, long spanUs,
    int sampleCount, long configId, List<Block> blocks) implements Message {
  public DataFrame {
    if (seq < 0 || seq > 0xFFFF_FFFFL || spanUs < 0 || spanUs > 0xFFFF_FFFFL
        || configId < 0 || configId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("seq, span_us and config_id must be u32");
    }
    if (sampleCount < 1 || sampleCount > Wire.MAX_SAMPLES) {
      throw new IllegalArgumentException("sample count must be 1..1024: " + sampleCount);
    }
    if (sampleCount == 1 && spanUs != 0) {
      throw new IllegalArgumentException("a single sample has span 0");
    }
    if (blocks.isEmpty() || blocks.size() > Wire.MAX_BLOCKS) {
      throw new IllegalArgumentException("a DATA frame has 1..16 blocks: " + blocks.size());
    }
    long seen = 0;
    for (Block block : blocks) {
      if (block instanceof SampleBlock samples) {
        if (samples.sampleCount() != sampleCount) {
          throw new IllegalArgumentException(samples + " does not have " + sampleCount + " samples");
        }
        long bit = 1L << samples.typeCode();
        if ((seen & bit) != 0) {
          throw new IllegalArgumentException("two " + samples.type() + " blocks");
        }
        seen |= bit;
      }
    }
    blocks = List.copyOf(blocks);
  }

  @Override
  public MessageType type() {
    return MessageType.DATA;
  }
}
