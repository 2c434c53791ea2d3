package com.plantar.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.plantar.protocol.Ack;
import com.plantar.protocol.Anchor;
import com.plantar.protocol.Block;
import com.plantar.protocol.BlockType;
import com.plantar.protocol.DataFrame;
import com.plantar.protocol.DeviceIds;
import com.plantar.protocol.Encoding;
import com.plantar.protocol.Event;
import com.plantar.protocol.Extension;
import com.plantar.protocol.FrameHeader;
import com.plantar.protocol.Hello;
import com.plantar.protocol.Message;
import com.plantar.protocol.MessageType;
import com.plantar.protocol.Nack;
import com.plantar.protocol.OpaqueBlock;
import com.plantar.protocol.SampleBlock;
import com.plantar.protocol.SeqRange;
import com.plantar.protocol.TimeRequest;
import com.plantar.protocol.TimeResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Frame content to and from the JSON of {@code vectors/README.md}. */
public final class VectorJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private VectorJson() {}

  public static ObjectNode toJson(Message message) {
    FrameHeader header = message.header();
    ObjectNode node = JSON.objectNode();
    node.put("msg_type", message.type().name());
    node.put("compat_flags", header.compatFlags());
    node.put("device_id", DeviceIds.toHex(header.deviceId()));
    node.put("boot_id", header.bootId());
    ArrayNode extensions = node.putArray("extensions");
    for (Extension extension : header.extensions()) {
      extensions.addObject().put("type", extension.type()).put("value", HEX.formatHex(extension.value()));
    }
    switch (message.type()) {
      case DATA -> {
        DataFrame data = (DataFrame) message;
        node.put("seq", data.seq());
        node.put("t_first_us", Long.toUnsignedString(data.firstSampleUs()));
        node.put("span_us", data.spanUs());
        node.put("config_id", data.configId());
        ArrayNode blocks = node.putArray("blocks");
        for (Block block : data.blocks()) {
          blocks.add(blockJson(block));
        }
      }
      case HELLO -> node.put("json", ((Hello) message).json());
      case EVENT -> node.put("json", ((Event) message).json());
      case ACK -> {
        Ack ack = (Ack) message;
        node.put("next_seq", ack.nextSeq());
        node.set("ranges", rangesJson(ack.ranges()));
      }
      case NACK -> node.set("ranges", rangesJson(((Nack) message).ranges()));
      case TIME_REQ -> {
        TimeRequest request = (TimeRequest) message;
        node.put("req_id", request.requestId());
        node.put("t0_mono_us", Long.toUnsignedString(request.t0MonoUs()));
      }
      case TIME_RES -> {
        TimeResponse response = (TimeResponse) message;
        node.put("req_id", response.requestId());
        node.put("t0_mono_us", Long.toUnsignedString(response.t0MonoUs()));
        node.put("t1_utc_us", Long.toString(response.t1UtcUs()));
        node.put("t2_utc_us", Long.toString(response.t2UtcUs()));
      }
      case ANCHOR -> {
        Anchor anchor = (Anchor) message;
        node.put("mono_us", Long.toUnsignedString(anchor.monoUs()));
        node.put("utc_us", Long.toString(anchor.utcUs()));
        node.put("rtt_us", anchor.rttUs());
        node.put("source", anchor.source());
      }
    }
    return node;
  }

  private static ObjectNode blockJson(Block block) {
    ObjectNode node = JSON.objectNode();
    node.put("type", block.typeCode());
    if (block instanceof SampleBlock samples) {
      node.put("encoding", samples.encoding().name());
      node.put("channels", samples.channels());
      ArrayNode rows = node.putArray("values");
      for (int s = 0; s < samples.sampleCount(); s++) {
        ArrayNode row = rows.addArray();
        for (int c = 0; c < samples.channels(); c++) {
          row.add(samples.value(s, c));
        }
      }
    } else {
      OpaqueBlock opaque = (OpaqueBlock) block;
      Encoding known = Encoding.fromCode(opaque.encodingCode());
      if (known != null) {
        node.put("encoding", known.name());
      } else {
        node.put("encoding", opaque.encodingCode());
      }
      node.put("channels", opaque.channels());
      node.put("skipped", true);
      node.put("data", HEX.formatHex(opaque.data()));
    }
    return node;
  }

  private static ArrayNode rangesJson(List<SeqRange> ranges) {
    ArrayNode array = JSON.arrayNode();
    for (SeqRange range : ranges) {
      array.addArray().add(range.start()).add(range.count());
    }
    return array;
  }

  public static Message fromJson(JsonNode node) {
    List<Extension> extensions = new ArrayList<>();
    for (JsonNode extension : node.get("extensions")) {
      extensions.add(new Extension(extension.get("type").asInt(), HEX.parseHex(extension.get("value").asText())));
    }
    FrameHeader header = new FrameHeader(node.get("compat_flags").asInt(),
        DeviceIds.parseHex(node.get("device_id").asText()), node.get("boot_id").asLong(), extensions);
    MessageType type = MessageType.valueOf(node.get("msg_type").asText());
    return switch (type) {
      case DATA -> {
        List<Block> blocks = new ArrayList<>();
        int samples = 0;
        for (JsonNode block : node.get("blocks")) {
          Block parsed = blockFromJson(block);
          if (parsed instanceof SampleBlock sampleBlock) {
            samples = sampleBlock.sampleCount();
          }
          blocks.add(parsed);
        }
        if (samples == 0) {
          throw new IllegalArgumentException("a vector's DATA frame needs at least one decoded block");
        }
        yield new DataFrame(header, node.get("seq").asLong(),
            Long.parseUnsignedLong(node.get("t_first_us").asText()), node.get("span_us").asLong(),
            samples, node.get("config_id").asLong(), blocks);
      }
      case HELLO -> new Hello(header, node.get("json").asText());
      case EVENT -> new Event(header, node.get("json").asText());
      case ACK -> new Ack(header, node.get("next_seq").asLong(), rangesFromJson(node.get("ranges")));
      case NACK -> new Nack(header, rangesFromJson(node.get("ranges")));
      case TIME_REQ -> new TimeRequest(header, node.get("req_id").asInt(),
          Long.parseUnsignedLong(node.get("t0_mono_us").asText()));
      case TIME_RES -> new TimeResponse(header, node.get("req_id").asInt(),
          Long.parseUnsignedLong(node.get("t0_mono_us").asText()),
          Long.parseLong(node.get("t1_utc_us").asText()), Long.parseLong(node.get("t2_utc_us").asText()));
      case ANCHOR -> new Anchor(header, Long.parseUnsignedLong(node.get("mono_us").asText()),
          Long.parseLong(node.get("utc_us").asText()), node.get("rtt_us").asLong(), node.get("source").asInt());
    };
  }

  private static Block blockFromJson(JsonNode node) {
    int channels = node.get("channels").asInt();
    JsonNode encoding = node.get("encoding");
    if (node.path("skipped").asBoolean(false)) {
      int encodingCode = encoding.isTextual() ? Encoding.valueOf(encoding.asText()).code() : encoding.asInt();
      return new OpaqueBlock(node.get("type").asInt(), encodingCode, channels, HEX.parseHex(node.get("data").asText()));
    }
    JsonNode rows = node.get("values");
    int[] values = new int[rows.size() * channels];
    int i = 0;
    for (JsonNode row : rows) {
      for (JsonNode value : row) {
        values[i++] = value.asInt();
      }
    }
    return new SampleBlock(BlockType.fromCode(node.get("type").asInt()), Encoding.valueOf(encoding.asText()),
        channels, values);
  }

  private static List<SeqRange> rangesFromJson(JsonNode node) {
    List<SeqRange> ranges = new ArrayList<>();
    for (JsonNode range : node) {
      ranges.add(new SeqRange(range.get(0).asLong(), range.get(1).asInt()));
    }
    return ranges;
  }
}
