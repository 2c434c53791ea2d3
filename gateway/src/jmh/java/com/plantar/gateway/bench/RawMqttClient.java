package com.plantar.gateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking MQTT 3.1.1 publisher used for every broker in a benchmark, so that client
 * cost is identical: QoS 1 PUBLISH out, 4-byte PUBACK in. Not thread-safe; one per benchmark thread.
 */
final class RawMqttClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final byte[] publishHeader;
  private final byte[] payload;
  private int nextPacketId = 1;

  RawMqttClient(int port, String clientId, String topic, int payloadBytes) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(connect(clientId));
    out.flush();
    byte[] connAck = new byte[4];
    in.readFully(connAck);
    if (connAck[0] != 0x20 || connAck[3] != 0) {
      throw new IOException("CONNECT refused: " + connAck[3]);
    }
    payload = new byte[payloadBytes];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(0x32);
    writeLength(header, 2 + topicBytes.length + 2 + payloadBytes);
    header.write(topicBytes.length >> 8);
    header.write(topicBytes.length & 0xFF);
    header.writeBytes(topicBytes);
    publishHeader = header.toByteArray();
  }

  /** Writes {@code count} QoS 1 publishes, then reads their {@code count} PUBACKs. */
  void publishAndAwaitAcks(int count) throws IOException {
    int first = nextPacketId;
    for (int i = 0; i < count; i++) {
      int id = packetId();
      out.write(publishHeader);
      out.write(id >> 8);
      out.write(id & 0xFF);
      out.write(payload);
    }
    out.flush();
    for (int i = 0; i < count; i++) {
      int b0 = in.readUnsignedByte();
      int len = in.readUnsignedByte();
      int id = in.readUnsignedShort();
      in.skipNBytes(len - 2);
      int expected = ((first - 1 + i) % 0xFFFF) + 1;
      if (b0 != 0x40 || id != expected) {
        throw new IOException("expected PUBACK " + expected + ", got type " + b0 + " id " + id);
      }
    }
  }

  private int packetId() {
    int id = nextPacketId;
    nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
    return id;
  }

  private static byte[] connect(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0});
    body.write(id.length >> 8);
    body.write(id.length & 0xFF);
    body.writeBytes(id);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x10);
    writeLength(packet, body.size());
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    do {
      int digit = length % 128;
      length /= 128;
      out.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
