package com.plantar.gateway.ingest;

import com.plantar.protocol.DecodeStatus;
import com.plantar.protocol.FrameDecoder;
import com.plantar.protocol.FrameView;
import com.plantar.protocol.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the ingest path sends to devices, decoded, as the device would read it. */
final class RecordingOutbox implements DeviceOutbox {
  record Sent(String topic, Message message, int qos) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();

  @Override
  public void publish(String topic, byte[] payload, int qos) {
    FrameView view = new FrameView();
    DecodeStatus status = new FrameDecoder().decode(payload, 0, payload.length, view);
    if (!status.isOk()) {
      throw new AssertionError("gateway sent an invalid frame: " + status);
    }
    sent.add(new Sent(topic, view.toMessage(), qos));
  }

  <T extends Message> List<T> messages(Class<T> type) {
    return sent.stream().map(Sent::message).filter(type::isInstance).map(type::cast).toList();
  }
}
