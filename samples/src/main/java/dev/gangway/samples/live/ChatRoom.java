package dev.gangway.samples.live;

import com.google.rpc.Code;
import dev.gangway.samples.support.Errors;
import dev.gangway.samples.support.ProtoTime;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chat room: its participants in join order, and the events every one of them receives.
 * Events get their sequence number and are queued to every participant under the room's lock,
 * so all participants see the same events in the same order.
 *
 * <p>Thread-safe. Lock order: room, then a participant's {@link ChatOutbox}.
 */
final class ChatRoom {
  private final String name;
  private final Clock clock;
  // Guarded by this.
  private final Map<String, ChatOutbox> participants = new LinkedHashMap<>();
  private long sequence;
  private boolean closed;

  ChatRoom(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  String name() {
    return name;
  }

  /**
   * Adds a participant and tells everyone (the newcomer included).
   *
   * @return false when the room has closed (its last participant left); join a new one
   * @throws io.grpc.StatusRuntimeException ALREADY_EXISTS when the name is taken in this room
   */
  synchronized boolean join(String user, ChatOutbox outbox) {
    if (closed) {
      return false;
    }
    if (participants.containsKey(user)) {
      throw Errors.build(Code.ALREADY_EXISTS,
          "user \"" + user + "\" is already in room \"" + name + "\"");
    }
    participants.put(user, outbox);
    broadcast(ChatEvent.Kind.JOINED, user, "");
    return true;
  }

  /** Sends a message from a participant to everyone (the sender included). */
  synchronized void say(String user, String text) {
    if (participants.containsKey(user)) {
      broadcast(ChatEvent.Kind.MESSAGE, user, text);
    }
  }

  /**
   * Removes a participant and tells those left.
   *
   * @return true when the room is now empty and closed
   */
  synchronized boolean leave(String user) {
    if (participants.remove(user) != null) {
      broadcast(ChatEvent.Kind.LEFT, user, "");
    }
    closed = participants.isEmpty();
    return closed;
  }

  /** Queues one event to every participant; those too far behind are dropped, which is news. */
  private void broadcast(ChatEvent.Kind kind, String user, String text) {
    Deque<ChatEvent.Builder> events = new ArrayDeque<>();
    events.add(event(kind, user, text));
    while (!events.isEmpty()) {
      ChatEvent event = stamp(events.poll());
      List<String> dropped = new ArrayList<>();
      participants.forEach((participant, outbox) -> {
        if (!outbox.offer(event)) {
          dropped.add(participant);
        }
      });
      for (String participant : dropped) {
        participants.remove(participant);
        events.add(event(ChatEvent.Kind.LEFT, participant, ""));
      }
    }
  }

  private ChatEvent.Builder event(ChatEvent.Kind kind, String user, String text) {
    ChatEvent.Builder event = ChatEvent.newBuilder().setKind(kind).setRoom(name).setUser(user)
        .setText(text);
    if (kind != ChatEvent.Kind.MESSAGE) {
      // Who is there once this event has happened.
      List<String> present = new ArrayList<>(participants.keySet());
      if (kind == ChatEvent.Kind.LEFT) {
        present.remove(user);
      }
      event.addAllParticipants(present);
    }
    return event;
  }

  private ChatEvent stamp(ChatEvent.Builder event) {
    return event.setSequence(++sequence).setTime(ProtoTime.of(clock.instant())).build();
  }
}
