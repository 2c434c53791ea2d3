package com.plantar.simulator.mqtt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Opens {@link MosquittoBroker} to tests in other packages. */
public final class TestBrokers {
  private TestBrokers() {}

  /** A running broker: its URL, and close() ends it. */
  public interface Running extends AutoCloseable {
    String url();

    @Override
    void close() throws InterruptedException;
  }

  public static Running start(Path dir, Map<String, String> users) throws IOException, InterruptedException {
    MosquittoBroker broker = MosquittoBroker.start(dir, users);
    return new Running() {
      @Override
      public String url() {
        return broker.url();
      }

      @Override
      public void close() throws InterruptedException {
        broker.close();
      }
    };
  }
}
