package dev.gangway.samples.live;

import dev.gangway.samples.support.CallProbe;
import dev.gangway.samples.support.Errors;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.regex.Pattern;

/**
 * One Chat call: the first message joins a room, later ones are said in it; finishing the stream
 * (or going away) leaves. A message that is not valid fails the call with INVALID_ARGUMENT
 * naming the field and the message (counting from 1), and leaves the room.
 *
 * <p>Thread-safe: gRPC calls the request observer and the cancel handler one at a time, and the
 * methods are synchronized besides. Lock order: session, room, outbox.
 */
final class ChatSession implements StreamObserver<ChatMessage> {
  static final int MAX_NAME = 40;
  static final int MAX_TEXT = 2000;
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NAME + "}");

  private final ChatRooms rooms;
  private final CallProbe probe;
  private final ChatOutbox outbox;
  // Guarded by this.
  private int received;
  private ChatRoom room;
  private String user;
  private boolean ended;

  /** Installs the call's handlers; construct from the service method. */
  ChatSession(ServerCallStreamObserver<ChatEvent> call, ChatRooms rooms, CallProbe probe) {
    this.rooms = rooms;
    this.probe = probe;
    this.outbox = new ChatOutbox(call);
    call.setOnReadyHandler(outbox::drain);
    call.setOnCancelHandler(this::cancelled);
  }

  @Override
  public synchronized void onNext(ChatMessage message) {
    if (ended) {
      return;
    }
    received++;
    try {
      if (room == null) {
        join(message);
      } else {
        say(message);
      }
    } catch (StatusRuntimeException e) {
      end(CallProbe.Phase.CANCELLED);
      outbox.fail(e);
    }
  }

  private void join(ChatMessage message) {
    String roomName = message.getRoom();
    if (!ROOM.matcher(roomName).matches()) {
      throw invalid("room", "must be 1 to " + MAX_NAME + " letters, digits, '-' or '_', got \""
          + roomName + "\"");
    }
    String name = message.getUser().strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME
        || name.codePoints().anyMatch(Character::isISOControl)) {
      throw invalid("user", "must be 1 to " + MAX_NAME
          + " characters without control characters, got \"" + message.getUser() + "\"");
    }
    room = rooms.join(roomName, name, outbox);
    user = name;
    probe.record(CallProbe.Phase.STARTED);
    if (!message.getText().isEmpty()) {
      room.say(user, checkedText(message.getText()));
    }
  }

  private void say(ChatMessage message) {
    if (!message.getRoom().isEmpty() && !message.getRoom().equals(room.name())) {
      throw invalid("room", "a chat stays in room \"" + room.name() + "\"");
    }
    if (!message.getUser().isEmpty() && !message.getUser().strip().equals(user)) {
      throw invalid("user", "a chat stays with user \"" + user + "\"");
    }
    if (message.getText().isEmpty()) {
      throw invalid("text", "required");
    }
    room.say(user, checkedText(message.getText()));
  }

  private String checkedText(String text) {
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      throw invalid("text", "at most " + MAX_TEXT + " characters");
    }
    return text;
  }

  private StatusRuntimeException invalid(String field, String description) {
    return Errors.invalidArgument("message " + received + ": " + field, description);
  }

  @Override
  public synchronized void onCompleted() {
    if (!ended) {
      end(CallProbe.Phase.COMPLETED);
      outbox.complete();
    }
  }

  @Override
  public void onError(Throwable t) {
    cancelled();
  }

  private synchronized void cancelled() {
    if (!ended) {
      end(CallProbe.Phase.CANCELLED);
      outbox.cancelled();
    }
  }

  /** Leaves the room, if joined, and counts how the call ended. */
  private void end(CallProbe.Phase phase) {
    ended = true;
    if (room != null) {
      rooms.leave(room, user);
      probe.record(phase);
    }
  }
}
