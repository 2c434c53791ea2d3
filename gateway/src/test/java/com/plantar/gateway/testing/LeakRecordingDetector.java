package com.plantar.gateway.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector (installed for the whole test JVM by the {@code
 * io.netty.customResourceLeakDetector} system property in the gateway pom), recording every leak
 * report so that {@link NoLeaks} can fail the test class that caused it.
 */
public final class LeakRecordingDetector<T> extends ResourceLeakDetector<T> {

  /** Leak reports since the JVM started; test-only global, as Netty's detectors are global. */
  static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  public LeakRecordingDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
  }

  /** The constructor Netty looks up first; {@code maxActive} is unused by Netty itself. */
  @SuppressWarnings("deprecation")
  public LeakRecordingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval, maxActive);
  }

  @Override
  protected boolean needReport() {
    return true;
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add(resourceType + " leaked:" + records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add(resourceType + " leaked (untraced)");
  }
}
