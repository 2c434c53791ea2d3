package com.plantar.gateway.server;

import com.plantar.gateway.auth.AuthResult;
import com.plantar.gateway.auth.Authenticator;
import com.plantar.gateway.auth.Principal;
import com.plantar.gateway.auth.TopicAcl;
import com.plantar.gateway.mqtt.ClientIdentity;
import com.plantar.gateway.mqtt.ConnectVerdict;
import com.plantar.gateway.mqtt.MqttSecurity;
import com.plantar.gateway.registry.RegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's security port on the device registry: CONNECT authenticates a device or hub
 * (username = identity, password = token, client id = identity; or a verified certificate CN), and
 * every PUBLISH and SUBSCRIBE is checked against the insole topic ACL (PROTOCOL.md §11).
 *
 * <p>Threads: {@link #connect} on the broker's security executor (it may wait on SQLite and a
 * PBKDF2 check); the ACL methods on event loops, answering from the principals kept here.
 */
final class RegistryMqttSecurity implements MqttSecurity {
  private static final Logger log = LoggerFactory.getLogger(RegistryMqttSecurity.class);

  private final Authenticator authenticator;
  private final TopicAcl acl;
  /** The principal of each connected identity (one entry per identity: client id = identity). */
  private final Map<String, Principal> principals = new ConcurrentHashMap<>();

  RegistryMqttSecurity(Authenticator authenticator, TopicAcl acl) {
    this.authenticator = authenticator;
    this.acl = acl;
  }

  @Override
  public ConnectVerdict connect(String clientId, String username, byte[] password, String verifiedCertCn) {
    AuthResult result;
    try {
      result = verifiedCertCn != null
          ? authenticator.authenticateCertificate(clientId, verifiedCertCn)
          : authenticator.authenticate(clientId, username, password);
    } catch (RegistryException e) {
      log.error("registry unavailable for CONNECT of {}", clientId, e);
      return ConnectVerdict.refuse(ConnectVerdict.Refusal.SERVER_UNAVAILABLE);
    }
    if (result instanceof AuthResult.Allowed allowed) {
      Principal principal = allowed.principal();
      principals.put(principal.identity(), principal);
      return ConnectVerdict.accept(principal.identity());
    }
    AuthResult.Refused refused = (AuthResult.Refused) result;
    return ConnectVerdict.refuse(switch (refused.reason()) {
      case MALFORMED_IDENTITY -> ConnectVerdict.Refusal.CLIENT_ID_REJECTED;
      case UNKNOWN_IDENTITY, BAD_SECRET -> ConnectVerdict.Refusal.BAD_CREDENTIALS;
      case REVOKED -> ConnectVerdict.Refusal.NOT_AUTHORIZED;
    });
  }

  @Override
  public boolean mayPublish(ClientIdentity client, String topic) {
    Principal principal = principals.get(client.principal());
    return principal != null && acl.mayPublish(principal, topic).allowed();
  }

  @Override
  public boolean maySubscribe(ClientIdentity client, String topicFilter) {
    Principal principal = principals.get(client.principal());
    return principal != null && acl.maySubscribe(principal, topicFilter).allowed();
  }
}
