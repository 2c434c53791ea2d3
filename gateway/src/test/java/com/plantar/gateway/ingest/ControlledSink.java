package com.plantar.gateway.ingest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink whose durability the test decides: each append waits until the test completes it. */
final class ControlledSink implements IngestSink {
  record Pending(AcceptedFrame frame, CompletableFuture<Void> durable) {}

  final List<Pending> appended = new CopyOnWriteArrayList<>();
  private volatile boolean autoComplete;

  ControlledSink autoComplete() {
    autoComplete = true;
    return this;
  }

  @Override
  public CompletionStage<Void> append(AcceptedFrame frame) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    appended.add(new Pending(frame, durable));
    if (autoComplete) {
      durable.complete(null);
    }
    return durable;
  }

  void completeAll() {
    appended.forEach(p -> p.durable().complete(null));
  }
}
