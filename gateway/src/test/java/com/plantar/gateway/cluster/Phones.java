package com.plantar.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.plantar.gateway.ingest.AcceptedFrame;
import com.plantar.gateway.processing.WalkFrames;
import com.plantar.protocol.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Simulated phones for the cluster fault tests, one thread per insole pair: each publishes its walk
 * over MQTT 5 (QoS 1, 16 in flight) to one edge, DATA paced to a frame rate so that a fault lands
 * mid-run. When its edge goes away or the connection fails, a phone moves to the next edge (as it
 * would behind a TCP load balancer) and sends again everything that was not acknowledged; a publish
 * refused with a reason code ≥ 0x80 counts as not acknowledged.
 */
final class Phones {
  private static final int IN_FLIGHT = 16;

  private final List<List<AcceptedFrame>> walks;
  private final List<Set<Integer>> acked = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private Phones(List<List<AcceptedFrame>> walks) {
    this.walks = walks;
  }

  /** Pair k starts on edge {@code ports[k % ports.length]}, each pair at {@code dataFramesPerSecond}. */
  static Phones start(List<List<AcceptedFrame>> walks, int[] ports, double dataFramesPerSecond) {
    Phones phones = new Phones(walks);
    long nanosPerFrame = (long) (1e9 / dataFramesPerSecond);
    for (int k = 0; k < walks.size(); k++) {
      Set<Integer> pairAcked = ConcurrentHashMap.newKeySet();
      phones.acked.add(pairAcked);
      List<AcceptedFrame> frames = walks.get(k);
      int first = k % ports.length;
      Thread phone = new Thread(() -> stream(frames, pairAcked, ports, first, nanosPerFrame), "phone-" + k);
      phone.setDaemon(true);
      phone.start();
      phones.threads.add(phone);
    }
    return phones;
  }

  int acknowledged() {
    return acked.stream().mapToInt(Set::size).sum();
  }

  int total() {
    return walks.stream().mapToInt(List::size).sum();
  }

  void awaitAcknowledged(int frames, Duration atMost) {
    await(frames + " frames acknowledged").atMost(atMost).pollInterval(Duration.ofMillis(50))
        .until(() -> acknowledged() >= frames);
  }

  /** Waits for every phone to finish; each must have had every frame of its walk acknowledged. */
  void awaitAllAcknowledged(Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    for (Thread phone : threads) {
      phone.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    for (int k = 0; k < walks.size(); k++) {
      assertThat(acked.get(k)).as("pair %d: every frame acknowledged", k).hasSize(walks.get(k).size());
    }
  }

  private static void stream(List<AcceptedFrame> frames, Set<Integer> acked, int[] ports, int first,
      long nanosPerFrame) {
    int edge = first;
    long due = System.nanoTime();
    while (acked.size() < frames.size()) {
      try {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + ports[edge],
            "phone-" + frames.get(0).deviceId() + "-" + System.nanoTime(), new MemoryPersistence());
        try {
          client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
          List<IMqttToken> window = new ArrayList<>();
          List<Integer> indexes = new ArrayList<>();
          // As firmware does: HELLO and ANCHOR of both insoles acknowledged before any DATA. (With
          // DATA of one foot processed before the other foot's HELLO, the wearer's engine restarts
          // when that HELLO arrives: SCALING.md, "Known gaps".)
          for (int i = 0; i < frames.size(); i++) {
            if (!acked.contains(i) && frames.get(i).type() != MessageType.DATA) {
              window.add(client.publish(WalkFrames.topic(frames.get(i)), frames.get(i).bytes(), 1, false));
              indexes.add(i);
              settle(window, indexes, acked);
            }
          }
          for (int i = 0; i < frames.size(); i++) {
            if (acked.contains(i) || frames.get(i).type() != MessageType.DATA) {
              continue;
            }
            due = Math.max(due, System.nanoTime() - nanosPerFrame) + nanosPerFrame;
            LockSupport.parkNanos(due - System.nanoTime());
            window.add(client.publish(WalkFrames.topic(frames.get(i)), frames.get(i).bytes(), 1, false));
            indexes.add(i);
            if (window.size() == IN_FLIGHT) {
              settle(window, indexes, acked);
            }
          }
          settle(window, indexes, acked);
          client.disconnect().waitForCompletion(5_000);
        } finally {
          client.close(true);
        }
      } catch (MqttException e) {
        // The edge died or stopped under us: what was not acknowledged goes to the next edge.
        edge = (edge + 1) % ports.length;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
    }
  }

  private static void settle(List<IMqttToken> window, List<Integer> indexes, Set<Integer> acked)
      throws MqttException {
    for (int k = 0; k < window.size(); k++) {
      window.get(k).waitForCompletion(30_000);
      int[] codes = window.get(k).getReasonCodes();
      if (codes == null || codes.length == 0 || codes[0] < 0x80) {
        acked.add(indexes.get(k));
      }
    }
    window.clear();
    indexes.clear();
  }
}
