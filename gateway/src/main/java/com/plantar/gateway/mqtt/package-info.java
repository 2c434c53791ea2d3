/**
 * The gateway's MQTT 3.1.1/5.0 broker on Netty.
 *
 * <p><b>Public surface</b>: {@link com.plantar.gateway.mqtt.MqttServer}, the security port {@link
 * com.plantar.gateway.mqtt.MqttSecurity} (with {@link com.plantar.gateway.mqtt.OpenMqttSecurity}
 * for {@code --open}), and the ingest hook {@link com.plantar.gateway.mqtt.PublishInterceptor}.
 * Everything else is in {@code internal}.
 *
 * <p><b>Threads</b>
 *
 * <ul>
 *   <li><b>Netty event loops</b> ({@code plantar-mqtt-io-*}): decode/encode, and all
 *       per-connection state ({@code ConnectionContext}: phase, topic aliases, inbound QoS 2
 *       packet ids awaiting PUBREL, publishes awaiting their interceptor verdict). The QoS 2 ids
 *       are handed to the session loop when the connection ends and back to the next connection
 *       of a resumed session (ownership moves by message, never shared). They call {@code
 *       MqttSecurity.mayPublish/maySubscribe} and {@code PublishInterceptor.intercept}, which
 *       must not block. They never touch session state.
 *   <li><b>Any thread</b> may call {@code MqttServer.publish} (the gateway's own messages); it only
 *       submits the message to every session loop.
 *   <li><b>Session loops</b> ({@code plantar-session-*}, one thread each): a client id is pinned
 *       to one loop by {@code Math.floorMod(clientId.hashCode(), loops)}; that loop alone owns the
 *       session (subscriptions, outbound queue, in-flight QoS 1/2, will, expiry timers), so there
 *       are no locks. Each loop also keeps a topic trie of its sessions' subscriptions and a
 *       replica of the retained messages; a routed publish is sent to every loop, which delivers
 *       to its own sessions. A shared subscription group lives on the loop its name hashes to and
 *       forwards each message to one member's loop.
 *   <li><b>Security executor</b> ({@code plantar-mqtt-security-*}): runs {@code
 *       MqttSecurity.connect}, which may block briefly; reads are off on the connection meanwhile.
 * </ul>
 *
 * <p><b>Invariants</b>: an inbound QoS 1/2 publish is acknowledged only after its interceptor's
 * stage completed with an accepting verdict, in arrival order; outbound memory per client is
 * bounded by the queue limit and the channel's write-buffer water marks.
 */
package com.plantar.gateway.mqtt;
