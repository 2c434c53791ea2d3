package com.plantar.gateway.mqtt;

/**
 * Who is on a connection, as established by {@link MqttSecurity#connect}.
 *
 * @param clientId the MQTT client identifier (server-assigned when a v5 client sent none)
 * @param principal the authenticated identity the ACL decides on (a device id, a user); in open
 *     mode the client id
 */
public record ClientIdentity(String clientId, String principal) {}
