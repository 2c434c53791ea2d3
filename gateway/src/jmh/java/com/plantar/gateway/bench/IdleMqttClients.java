package com.plantar.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link IdleConnectionMemoryBenchmark}: opens N MQTT 3.1.1 connections (keep-alive
 * 0, so they may stay idle forever) from source addresses 127.0.0.2 to 127.0.0.9 to avoid running
 * out of ephemeral ports, waits for every CONNACK, prints {@code READY n}, and holds the
 * connections until its standard input closes. A separate process, so that the server's heap holds
 * only server-side state.
 *
 * <p>Usage: {@code IdleMqttClients PORT COUNT}
 */
public final class IdleMqttClients {

  private IdleMqttClients() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
    List<SocketChannel> channels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SocketChannel channel = SocketChannel.open();
      channel.bind(new InetSocketAddress("127.0.0." + (2 + i % 8), 0));
      channel.connect(server);
      channel.write(ByteBuffer.wrap(connect("idle-" + i)));
      channels.add(channel);
    }
    ByteBuffer connAck = ByteBuffer.allocate(4);
    for (SocketChannel channel : channels) {
      connAck.clear();
      while (connAck.hasRemaining()) {
        if (channel.read(connAck) < 0) {
          throw new IOException("server closed a connection");
        }
      }
      if (connAck.get(0) != 0x20 || connAck.get(3) != 0) {
        throw new IOException("CONNECT refused");
      }
    }
    System.out.println("READY " + channels.size());
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold the connections until the parent closes our standard input
    }
    for (SocketChannel channel : channels) {
      channel.close();
    }
  }

  private static byte[] connect(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    byte[] packet = new byte[2 + 10 + 2 + id.length];
    packet[0] = 0x10;
    packet[1] = (byte) (10 + 2 + id.length);
    byte[] header = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0};
    System.arraycopy(header, 0, packet, 2, header.length);
    packet[12] = (byte) (id.length >> 8);
    packet[13] = (byte) id.length;
    System.arraycopy(id, 0, packet, 14, id.length);
    return packet;
  }
}
