package com.plantar.gateway.mqtt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of one shared subscription ({@code $share/group/filter}); each message goes to one
 * member, chosen round-robin. Owned by one session loop (see {@link Broker#sharedOwner}); members
 * live on any loop, so delivery hops to the member's loop.
 */
final class SharedGroup {

  record Member(Subscription subscription, SessionLoop loop) {}

  private final List<Member> members = new ArrayList<>(2);
  private int cursor;

  void join(Member member) {
    leave(member.subscription().clientId());
    members.add(member);
  }

  void leave(String clientId) {
    members.removeIf(m -> m.subscription().clientId().equals(clientId));
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  Member next() {
    cursor = Math.floorMod(cursor + 1, members.size());
    return members.get(cursor);
  }
}
