package com.plantar.simulator.load;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal MQTT 3.1.1 QoS 1 publisher for load runs: one socket, PUBLISH packets written as fast as
 * the pacing allows, PUBACKs read on a thread of its own and timed against their send time. Lighter
 * than Paho (no per-message objects, no threads per in-flight message), so that the load generator
 * costs little next to the servers it measures. Not a general client: no reconnects, no QoS 2.
 */
final class RawPublisher implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 65_535;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  /** Send time by packet id, 0 when free: written by the publishing thread, cleared by the reader. */
  private final AtomicLongArray sentAt = new AtomicLongArray(MAX_IN_FLIGHT + 1);
  /** Where acks are counted and timed; switched once, from the set-up phase to the measured one. */
  private volatile LatencyHistogram latencies;
  private volatile LongAdder acked;
  private final Thread reader;
  private int nextId = 1;
  private volatile boolean closing;

  RawPublisher(String host, int port, String clientId, String username, String password,
      LatencyHistogram latencies, LongAdder acked) throws IOException {
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.in = new DataInputStream(socket.getInputStream());
    this.latencies = latencies;
    this.acked = acked;
    connect(clientId, username, password);
    this.reader = new Thread(this::readAcks, "load-acks-" + clientId);
    reader.setDaemon(true);
    reader.start();
  }

  private void connect(String clientId, String username, String password) throws IOException {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    byte[] user = username == null ? null : username.getBytes(StandardCharsets.UTF_8);
    byte[] pass = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    int flags = 0x02 | (user != null ? 0x80 : 0) | (pass != null ? 0x40 : 0);
    int length = 10 + 2 + id.length + (user != null ? 2 + user.length : 0) + (pass != null ? 2 + pass.length : 0);
    out.write(0x10);
    writeLength(length);
    out.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) flags, 0, 60});
    writeString(id);
    if (user != null) {
      writeString(user);
    }
    if (pass != null) {
      writeString(pass);
    }
    out.flush();
    int type = in.readUnsignedByte();
    int remaining = readLength();
    byte[] body = new byte[remaining];
    in.readFully(body);
    if (type != 0x20 || remaining != 2 || body[1] != 0) {
      throw new IOException("CONNACK refused: return code " + (remaining == 2 ? body[1] : -1));
    }
  }

  /** From now on, count and time acks here (the set-up publishes before this are not measured). */
  void measureInto(LatencyHistogram histogram, LongAdder counter) {
    this.latencies = histogram;
    this.acked = counter;
  }

  /** Writes one QoS 1 PUBLISH (not flushed; call {@link #flush}). False when the window is full. */
  boolean publish(byte[] topic, byte[] payload) throws IOException {
    int id = nextId;
    if (sentAt.get(id) != 0) {
      return false;
    }
    nextId = id == MAX_IN_FLIGHT ? 1 : id + 1;
    sentAt.set(id, System.nanoTime());
    out.write(0x32);
    writeLength(2 + topic.length + 2 + payload.length);
    out.write(topic.length >>> 8);
    out.write(topic.length);
    out.write(topic);
    out.write(id >>> 8);
    out.write(id);
    out.write(payload);
    return true;
  }

  void flush() throws IOException {
    out.flush();
  }

  private void readAcks() {
    try {
      while (!closing) {
        int type = in.readUnsignedByte();
        int remaining = readLength();
        if (type == 0x40 && remaining == 2) {
          int id = in.readUnsignedShort();
          long sent = sentAt.getAndSet(id, 0);
          if (sent != 0) {
            latencies.record(System.nanoTime() - sent);
            acked.increment();
          }
        } else {
          in.skipNBytes(remaining);
        }
      }
    } catch (IOException e) {
      // Closed: the run is over (or the server went away, which the rates will show).
    }
  }

  private void writeString(byte[] bytes) throws IOException {
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.write(bytes);
  }

  private void writeLength(int length) throws IOException {
    do {
      int digit = length % 128;
      length /= 128;
      out.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
  }

  private int readLength() throws IOException {
    int value = 0;
    int multiplier = 1;
    int digit;
    do {
      digit = in.readUnsignedByte();
      value += (digit & 0x7F) * multiplier;
      multiplier *= 128;
    } while ((digit & 0x80) != 0);
    return value;
  }

  @Override
  public void close() throws IOException {
    closing = true;
    socket.close();
  }
}
