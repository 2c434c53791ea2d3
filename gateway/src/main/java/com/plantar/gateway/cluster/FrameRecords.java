package com.plantar.gateway.cluster;

import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WearerRef;
import com.plantar.protocol.MessageType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The Kafka form of an accepted frame. Key: {@code tenant/wearerId} in UTF-8, so that both insoles
 * of a wearer hash to one partition. Value: a version byte, then the ingest metadata the journal
 * keeps (tenant, device, boot, type, seq, compat flags, receipt time) and the frame exactly as it
 * arrived, CRC included; processing decodes it as it decodes a journal record.
 */
public final class FrameRecords {
  private static final byte VERSION = 1;

  private FrameRecords() {}

  public static byte[] key(WearerRef wearer) {
    return (wearer.tenant() + "/" + wearer.wearerId()).getBytes(StandardCharsets.UTF_8);
  }

  /** The wearer a key names, or null when it is not {@code tenant/wearerId}. */
  public static WearerRef wearerOf(byte[] key) {
    if (key == null) {
      return null;
    }
    String text = new String(key, StandardCharsets.UTF_8);
    int slash = text.indexOf('/');
    return slash <= 0 || slash == text.length() - 1 ? null
        : new WearerRef(text.substring(0, slash), text.substring(slash + 1));
  }

  public static byte[] value(AcceptedFrame frame) {
    byte[] tenant = frame.tenant().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + 1 + tenant.length + 8 + 4 + 1 + 8 + 1 + 8 + 4 + frame.bytes().length)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put(VERSION).put((byte) tenant.length).put(tenant);
    out.putLong(frame.deviceId());
    out.putInt((int) frame.bootId());
    out.put((byte) frame.type().code());
    out.putLong(frame.seq());
    out.put((byte) frame.compatFlags());
    out.putLong(frame.receivedUtcUs());
    out.putInt(frame.bytes().length).put(frame.bytes());
    return out.array();
  }

  /** The frame a value holds, or null when the value is not a frame record of this version. */
  public static AcceptedFrame frameOf(byte[] value) {
    if (value == null || value.length < 2 || value[0] != VERSION) {
      return null;
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).position(1);
      byte[] tenant = new byte[in.get() & 0xFF];
      in.get(tenant);
      long deviceId = in.getLong();
      long bootId = in.getInt() & 0xFFFF_FFFFL;
      MessageType type = MessageType.fromCode(in.get() & 0xFF);
      long seq = in.getLong();
      int compat = in.get() & 0xFF;
      long received = in.getLong();
      int length = in.getInt();
      if (type == null || length < 0 || length != in.remaining()) {
        return null;
      }
      byte[] frame = new byte[length];
      in.get(frame);
      return new AcceptedFrame(new String(tenant, StandardCharsets.UTF_8), deviceId, bootId, type, seq, compat,
          received, frame);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      return null;
    }
  }
}
