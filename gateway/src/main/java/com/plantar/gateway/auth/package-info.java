/**
 * Who may connect, and what a connection may publish and subscribe to: the whole surface the MQTT broker
 * uses. {@link com.plantar.gateway.auth.Authenticator} turns a CONNECT into a {@link
 * com.plantar.gateway.auth.Principal} or a typed refusal; {@link com.plantar.gateway.auth.TopicAcl}
 * decides each PUBLISH and SUBSCRIBE; {@link com.plantar.gateway.auth.InsoleTopic} parses the topic
 * layout of PROTOCOL §5.2. Implementations live in {@code auth.internal}; conventions, reason-code
 * mapping and measured costs are in gateway/AUTH.md.
 *
 * <p><b>API boundary:</b> nothing here depends on Netty or MQTT codec types; the broker maps results to
 * reason codes.
 */
package com.plantar.gateway.auth;
