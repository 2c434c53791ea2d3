package com.plantar.gateway.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran: after the class, forces GC
 * and allocates through the tracked allocators so that the detector polls its reference queue.
 */
public final class NoLeaks implements AfterAllCallback {

  @Override
  public void afterAll(ExtensionContext context) {
    int before = LeakRecordingDetector.LEAKS.size();
    for (int i = 0; i < 5; i++) {
      System.gc();
      System.runFinalization();
      for (int j = 0; j < 100; j++) {
        ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
        a.release();
        ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
        b.release();
        ByteBuf c = io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(16);
        c.release();
      }
    }
    if (!LeakRecordingDetector.LEAKS.isEmpty()) {
      throw new AssertionError(
          "Netty buffer leaks (" + (LeakRecordingDetector.LEAKS.size() - before) + " new): " + LeakRecordingDetector.LEAKS);
    }
  }
}
