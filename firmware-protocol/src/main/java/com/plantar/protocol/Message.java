package com.plantar.protocol;

/**
 * A frame's logical content as an immutable value: what {@link FrameEncoder} writes and
 * {@link FrameView#toMessage()} reads back. For the per-frame hot path, use {@link FrameView}.
 */
public sealed interface Message
    permits DataFrame, Hello, Event, Ack, Nack, TimeRequest, TimeResponse, Anchor {

  FrameHeader header();

  MessageType type();
}
