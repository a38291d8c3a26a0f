package dev.gangway.samples.live;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open chat rooms by name. A room opens with its first participant and closes with its last.
 *
 * <p>Thread-safe.
 */
final class ChatRooms {
  private final ConcurrentMap<String, ChatRoom> rooms = new ConcurrentHashMap<>();
  private final Clock clock;

  ChatRooms(Clock clock) {
    this.clock = clock;
  }

  /**
   * Joins a room, opening it if needed.
   *
   * @throws io.grpc.StatusRuntimeException ALREADY_EXISTS when the name is taken in that room
   */
  ChatRoom join(String room, String user, ChatOutbox outbox) {
    while (true) {
      ChatRoom candidate = rooms.computeIfAbsent(room, name -> new ChatRoom(name, clock));
      if (candidate.join(user, outbox)) {
        return candidate;
      }
      // Its last participant left after we found it: it is on its way out of the map.
      rooms.remove(room, candidate);
    }
  }

  /** Leaves a room; closes it when it is empty. */
  void leave(ChatRoom room, String user) {
    if (room.leave(user)) {
      rooms.remove(room.name(), room);
    }
  }
}
