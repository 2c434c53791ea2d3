package com.plantar.gateway.mqtt;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link PublishInterceptor} whose completions the test controls: each call is queued with
 * its future, and the test completes (or fails) it when it chooses.
 */
final class ControlledInterceptor implements PublishInterceptor {

  record Call(InboundPublish publish, CompletableFuture<PublishVerdict> completion) {}

  final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicInteger maxOutstanding = new AtomicInteger();
  final AtomicInteger seen = new AtomicInteger();
  volatile boolean acceptImmediately;

  @Override
  public CompletionStage<PublishVerdict> intercept(InboundPublish publish) {
    seen.incrementAndGet();
    if (acceptImmediately) {
      return CompletableFuture.completedFuture(PublishVerdict.ACCEPT);
    }
    CompletableFuture<PublishVerdict> completion = new CompletableFuture<>();
    int now = outstanding.incrementAndGet();
    maxOutstanding.accumulateAndGet(now, Math::max);
    completion.whenComplete((v, e) -> outstanding.decrementAndGet());
    calls.add(new Call(publish, completion));
    return completion;
  }

  Call next() throws InterruptedException {
    Call call = calls.poll(5, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("no publish intercepted within 5 s");
    }
    return call;
  }

  /** Accepts everything from now on, including calls already waiting. */
  void acceptAll() {
    acceptImmediately = true;
    Call call;
    while ((call = calls.poll()) != null) {
      call.completion().complete(PublishVerdict.ACCEPT);
    }
  }
}
