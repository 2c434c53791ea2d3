package com.plantar.gateway.store.influx;

import java.nio.charset.StandardCharsets;

/**
 * Line protocol written straight into one growable byte array that is reused for every {@code
 * /write} body: no {@code Point}, no {@code String} per line, digits written in place.
 *
 * <p>Threads: owned by the store's writer thread.
 */
final class LineBuffer {
  private static final byte[] DIGITS_MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;
  private int lines;

  LineBuffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  /** Lines ended so far. */
  int lines() {
    return lines;
  }

  void clear() {
    length = 0;
    lines = 0;
  }

  LineBuffer ascii(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, bytes, length, text.length);
    length += text.length;
    return this;
  }

  /** A literal of the protocol itself ({@code ",side="}): ASCII only. */
  LineBuffer ascii(String literal) {
    ensure(literal.length());
    for (int i = 0; i < literal.length(); i++) {
      bytes[length++] = (byte) literal.charAt(i);
    }
    return this;
  }

  LineBuffer ascii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** A measurement name, tag key or tag value: commas, spaces and equals signs escaped. */
  LineBuffer key(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ' ' || c == '=') {
        ascii('\\');
      }
      utf8(c, text, i);
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return this;
  }

  /** A string field value: quoted, with quotes and backslashes escaped. */
  LineBuffer quoted(String text) {
    ascii('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        ascii('\\');
      }
      utf8(c, text, i);
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return ascii('"');
  }

  LineBuffer digits(long value) {
    if (value == Long.MIN_VALUE) {
      return ascii(DIGITS_MIN_LONG);
    }
    ensure(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
    return this;
  }

  /** An integer field value ({@code 42i}). */
  LineBuffer integer(long value) {
    return digits(value).ascii('i');
  }

  /** A float field value; only finite values (the caller leaves the others out). */
  LineBuffer decimal(double value) {
    // Double.toString round-trips exactly; InfluxDB parses its exponent form (1.0E-5) too.
    String text = Double.toString(value);
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  /** Ends a line with its timestamp (µs, the writes' precision). */
  void endLine(long timeUtcUs) {
    ascii(' ').digits(timeUtcUs).ascii('\n');
    lines++;
  }

  private void utf8(char c, String text, int i) {
    if (c < 0x80) {
      ascii(c);
    } else {
      int cp = Character.codePointAt(text, i);
      ascii(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
    }
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      byte[] grown = new byte[Math.max(bytes.length * 2, length + more)];
      System.arraycopy(bytes, 0, grown, 0, length);
      bytes = grown;
    }
  }
}
