package com.plantar.gateway.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw TCP MQTT client for what Paho will not do: bad bytes, silence, floods. */
final class RawMqtt implements AutoCloseable {

  final Socket socket;

  RawMqtt(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    socket.setSoTimeout(100);
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** Reads whatever arrives; returns true once the server has closed the connection. */
  boolean isClosedByServer() {
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  /** Reads one byte within the socket timeout, or -2 if none arrived, -1 at end of stream. */
  int readByte() throws IOException {
    try {
      return socket.getInputStream().read();
    } catch (SocketTimeoutException e) {
      return -2;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static byte[] connectV3(String clientId, int keepAliveSeconds) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4);
    body.write(0x02);
    body.write(keepAliveSeconds >> 8);
    body.write(keepAliveSeconds & 0xFF);
    writeString(body, clientId);
    return packet(0x10, body.toByteArray());
  }

  static byte[] connectV5(String clientId, int keepAliveSeconds) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(5);
    body.write(0x02);
    body.write(keepAliveSeconds >> 8);
    body.write(keepAliveSeconds & 0xFF);
    body.write(0); // no properties
    writeString(body, clientId);
    return packet(0x10, body.toByteArray());
  }

  /** A v5 CONNECT resuming (clean start off) a session that expires after {@code expirySeconds}. */
  static byte[] connectV5Persistent(String clientId, int expirySeconds) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(5);
    body.write(0x00);
    body.write(0);
    body.write(30);
    body.write(5); // properties: session expiry interval
    body.write(0x11);
    body.write(expirySeconds >>> 24);
    body.write(expirySeconds >>> 16);
    body.write(expirySeconds >>> 8);
    body.write(expirySeconds);
    writeString(body, clientId);
    return packet(0x10, body.toByteArray());
  }

  static byte[] publishQos2V5(String topic, int packetId, byte[] payload, boolean dup) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    body.write(0);
    body.writeBytes(payload);
    return packet(dup ? 0x3C : 0x34, body.toByteArray());
  }

  static byte[] pubRel(int packetId) {
    return packet(0x62, new byte[] {(byte) (packetId >> 8), (byte) packetId});
  }

  static int packetId(Packet packet) {
    return ((packet.body()[0] & 0xFF) << 8) | (packet.body()[1] & 0xFF);
  }

  static byte[] publishQos1V5(String topic, int packetId, byte[] payload) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    body.write(0); // no properties
    body.writeBytes(payload);
    return packet(0x32, body.toByteArray());
  }

  /** One whole packet from the server: its first byte and body, or null at end of stream. */
  record Packet(int firstByte, byte[] body) {
    int type() {
      return firstByte >> 4;
    }
  }

  /** Like {@link #readPacket} but null when nothing arrives within the timeout. */
  Packet pollPacket(long timeoutMillis) throws IOException {
    try {
      return readPacket(timeoutMillis);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  Packet readPacket(long timeoutMillis) throws IOException {
    socket.setSoTimeout((int) timeoutMillis);
    try {
      InputStream in = socket.getInputStream();
      int first = in.read();
      if (first < 0) {
        return null;
      }
      int length = 0;
      int shift = 0;
      int digit;
      do {
        digit = in.read();
        length |= (digit & 0x7F) << shift;
        shift += 7;
      } while ((digit & 0x80) != 0);
      return new Packet(first, in.readNBytes(length));
    } finally {
      socket.setSoTimeout(100);
    }
  }

  static byte[] subscribeV3(int packetId, String filter, int qos) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    writeString(body, filter);
    body.write(qos);
    return packet(0x82, body.toByteArray());
  }

  static byte[] publishQos0(String topic, byte[] payload) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.writeBytes(payload);
    return packet(0x30, body.toByteArray());
  }

  static byte[] publishQos1(String topic, int packetId, byte[] payload) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.write(packetId >> 8);
    body.write(packetId & 0xFF);
    body.writeBytes(payload);
    return packet(0x32, body.toByteArray());
  }

  static byte[] packet(int firstByte, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(firstByte);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      out.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xFF);
    out.writeBytes(bytes);
  }
}
