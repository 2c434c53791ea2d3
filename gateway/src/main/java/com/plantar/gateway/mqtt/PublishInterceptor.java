package com.plantar.gateway.mqtt;

import java.util.concurrent.CompletionStage;

/**
 * Sees each inbound PUBLISH on the topic filters it is bound to ({@link InterceptorBinding}) before
 * the broker acknowledges or routes it.
 *
 * <p>Contract: the broker sends the PUBACK (QoS 1) or PUBREC (QoS 2) only after the returned stage
 * completes with an accepting verdict, and routes the message to subscribers at that moment. A
 * rejecting verdict or an exceptionally completed stage gets a v5 PUBACK/PUBREC with the reason
 * code (0x80 for an exception) and is not routed; a v3 client is disconnected instead. QoS 0
 * rejections are dropped and counted. Acknowledgements leave in the order the publishes arrived on
 * the connection, even if stages complete out of order. While more stages are outstanding on a
 * connection than the broker's receive maximum, the broker stops reading from that socket.
 *
 * <p>Threads: {@link #intercept} is called on the connection's Netty event loop and must not block;
 * the stage may complete on any thread.
 */
@FunctionalInterface
public interface PublishInterceptor {

  CompletionStage<PublishVerdict> intercept(InboundPublish publish);
}
