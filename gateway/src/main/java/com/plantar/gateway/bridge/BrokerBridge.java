package com.plantar.gateway.bridge;

import com.plantar.gateway.auth.InsoleTopic;
import com.plantar.gateway.ingest.DeviceOutbox;
import com.plantar.gateway.ingest.IngestVerdict;
import com.plantar.gateway.ingest.InsoleIngest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway behind an external broker: subscribes to the insole topics, feeds each publish to the
 * same {@link InsoleIngest} as the built-in broker does, and acknowledges a QoS 1 message to the
 * broker (manual PUBACK) only once the ingest says its frames are durable; a publish that could not
 * be stored is left unacknowledged, so the broker delivers it again after a reconnect. ACK and
 * TIME_RES frames go back to the devices through the same broker ({@link #outbox()}).
 *
 * <p>The device-facing broker authenticates devices; the gateway still refuses a frame whose
 * device_id differs from its topic (ingest) and a device the registry does not know (counted as
 * foreign). Reconnects with Paho's backoff and resubscribes when the broker lost the session.
 *
 * <p>Threads: Paho's callback thread calls {@link InsoleIngest#onPublish} (it returns at once);
 * completions acknowledge from the shard threads.
 */
public final class BrokerBridge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BrokerBridge.class);
  private static final List<String> SUFFIXES = List.of("hello", "state", "live", "sync", "time/req", "anchor", "evt");

  private final BridgeConfig config;
  private final MqttAsyncClient client;
  private final LongAdder foreign = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder unacknowledged = new LongAdder();
  private volatile InsoleIngest ingest;
  private volatile LongPredicate registered;

  /** Creates the client (not connected yet), so that its outbox can be wired into the ingest path. */
  public BrokerBridge(BridgeConfig config) throws MqttException {
    this.config = config;
    this.client = new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
    client.setManualAcks(true);
  }

  /** Publishes gateway→device frames through the external broker. */
  public DeviceOutbox outbox() {
    return (topic, payload, qos) -> {
      try {
        if (client.isConnected()) {
          client.publish(topic, payload, qos, false);
        }
      } catch (MqttException e) {
        // A lost ACK costs only a resend (PROTOCOL.md §9.3): never fail the ingest path for it.
        log.debug("bridge could not publish to {}", topic, e);
      }
    };
  }

  /** Connects and subscribes; {@code registered} says whether a device id is known to the registry. */
  public BrokerBridge start(InsoleIngest ingest, LongPredicate registered) throws MqttException {
    this.ingest = ingest;
    this.registered = registered;
    client.setCallback(new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 10);
    options.setReceiveMaximum(config.receiveMaximum());
    if (config.username() != null) {
      options.setUserName(config.username());
    }
    if (config.password() != null) {
      options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
    }
    client.connect(options).waitForCompletion(30_000);
    subscribe();
    return this;
  }

  private void subscribe() throws MqttException {
    String prefix = config.sharedGroup().isEmpty() ? "" : "$share/" + config.sharedGroup() + "/";
    MqttSubscription[] subscriptions = SUFFIXES.stream()
        .map(suffix -> new MqttSubscription(prefix + InsoleTopic.ROOT + "+/+/" + suffix, suffix.equals("live") || suffix.equals("time/req") ? 0 : 1))
        .toArray(MqttSubscription[]::new);
    client.subscribe(subscriptions).waitForCompletion(30_000);
    log.info("bridge subscribed to {} insole topic filters on {}", subscriptions.length, config.brokerUrl());
  }

  /** Publishes from unknown devices, dropped and counted. */
  public long foreignPublishes() {
    return foreign.sum();
  }

  /** Publishes refused by the ingest path (invalid, wrong device, wrong topic): acknowledged, dropped. */
  public long refusedPublishes() {
    return refused.sum();
  }

  /** Publishes left unacknowledged because they could not be stored (the broker will resend them). */
  public long unacknowledgedPublishes() {
    return unacknowledged.sum();
  }

  public boolean connected() {
    return client.isConnected();
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      Optional<InsoleTopic> parsed = InsoleTopic.parse(topic);
      if (parsed.isEmpty() || !parsed.get().suffix().publishedByDevice() || !registered.test(parsed.get().deviceId())) {
        foreign.increment();
        acknowledge(message);
        return;
      }
      ingest.onPublish(parsed.get(), ByteBuffer.wrap(message.getPayload())).whenComplete((result, failure) -> {
        IngestVerdict verdict = failure == null ? result.verdict() : IngestVerdict.NOT_STORED;
        switch (verdict) {
          case ACCEPTED -> acknowledge(message);
          case MALFORMED, WRONG_DEVICE, WRONG_TOPIC -> {
            // Sending it again would not help: acknowledge so the broker does not loop on it.
            refused.increment();
            acknowledge(message);
          }
          default -> unacknowledged.increment();
        }
      });
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        log.info("bridge reconnected to {}", serverUri);
        try {
          subscribe();
        } catch (MqttException e) {
          log.warn("bridge could not resubscribe", e);
        }
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      log.warn("bridge disconnected from {}: {}", config.brokerUrl(), response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("bridge error", exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  private void acknowledge(MqttMessage message) {
    if (message.getQos() == 0) {
      return;
    }
    try {
      client.messageArrivedComplete(message.getId(), message.getQos());
    } catch (MqttException e) {
      // Connection gone: the broker keeps the message and delivers it again.
      log.debug("bridge could not acknowledge message {}", message.getId(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    } catch (MqttException e) {
      log.warn("bridge close", e);
    }
  }
}
