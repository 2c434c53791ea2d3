package com.plantar.gateway.cluster;

import com.plantar.gateway.command.DeviceCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Kafka form of a {@link DeviceCommand} on the commands topic. Key: {@code tenant/deviceId}.
 * Value: a version byte, then the command's fields. Decoding returns null for anything else.
 */
final class CommandRecords {
  private static final byte VERSION = 1;

  private CommandRecords() {}

  static byte[] key(DeviceCommand command) {
    return (command.tenant() + "/" + command.deviceId()).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] value(DeviceCommand command) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(command.id());
      out.writeUTF(command.tenant());
      out.writeUTF(command.deviceId());
      out.writeUTF(command.name());
      out.writeInt(command.rateHz());
      out.writeLong(command.notAfterUtcMs());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** The command a value holds, or null when it is not a valid command record of this version. */
  static DeviceCommand commandOf(byte[] value) {
    if (value == null || value.length < 1 || value[0] != VERSION) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value, 1, value.length - 1))) {
      DeviceCommand command = new DeviceCommand(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(),
          in.readLong());
      return in.available() == 0 ? command : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
