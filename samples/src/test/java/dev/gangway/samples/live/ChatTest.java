package dev.gangway.samples.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import dev.gangway.samples.live.ChatEvent.Kind;
import dev.gangway.samples.support.CallProbe.Phase;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Chat rooms over gRPC: joins, messages to everyone, leaves, and what is refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatTest {

  private RunningSamples samples;
  private ManagedChannel channel;
  private LiveGrpc.LiveStub live;

  @BeforeAll
  void start() throws Exception {
    samples = SampleServers.builder().backends(SampleBackend.LIVE).start();
    channel = GrpcTesting.channel(samples, SampleBackend.LIVE);
    live = LiveGrpc.newStub(channel);
  }

  @AfterAll
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  /** One participant's call: what it sends and what it gets. */
  private final class Client {
    final Inbox<ChatEvent> inbox = new Inbox<>();
    final StreamObserver<ChatMessage> out = live.chat(inbox);

    Client say(String text) {
      out.onNext(ChatMessage.newBuilder().setText(text).build());
      return this;
    }
  }

  private Client join(String room, String user) {
    Client client = new Client();
    client.out.onNext(ChatMessage.newBuilder().setRoom(room).setUser(user).build());
    return client;
  }

  /**
   * Joins and waits for the own JOINED notice (always the first event), so that the next join
   * comes after it: two calls' first messages reach the server in any order.
   */
  private Client joined(String room, String user) throws InterruptedException {
    Client client = join(room, user);
    assertThat(client.inbox.take().getKind()).isEqualTo(Kind.JOINED);
    return client;
  }

  @Test
  void everyoneInTheRoomGetsEveryMessageAndTheJoinNotices() throws Exception {
    Client alice = join("lobby", "alice");
    ChatEvent aliceJoined = alice.inbox.take();
    Client bob = join("lobby", "bob");

    assertThat(aliceJoined.getKind()).isEqualTo(Kind.JOINED);
    assertThat(aliceJoined.getParticipantsList()).containsExactly("alice");
    ChatEvent bobJoined = alice.inbox.take();
    assertThat(bobJoined.getKind()).isEqualTo(Kind.JOINED);
    assertThat(bobJoined.getUser()).isEqualTo("bob");
    assertThat(bobJoined.getParticipantsList()).containsExactly("alice", "bob");
    assertThat(bob.inbox.take()).isEqualTo(bobJoined);

    alice.say("hi bob");

    ChatEvent message = alice.inbox.take();
    assertThat(message.getKind()).isEqualTo(Kind.MESSAGE);
    assertThat(message.getRoom()).isEqualTo("lobby");
    assertThat(message.getUser()).isEqualTo("alice");
    assertThat(message.getText()).isEqualTo("hi bob");
    assertThat(message.getSequence()).isEqualTo(bobJoined.getSequence() + 1);
    assertThat(bob.inbox.take()).isEqualTo(message);
    alice.out.onCompleted();
    bob.out.onCompleted();
    assertThat(alice.inbox.end().isOk()).isTrue();
    assertThat(bob.inbox.end().isOk()).isTrue();
  }

  @Test
  void finishingTheStreamLeavesTheRoomAndTellsTheOthers() throws Exception {
    Client carol = joined("leaving", "carol");
    Client dave = joined("leaving", "dave");
    carol.inbox.take();

    dave.out.onCompleted();

    assertThat(dave.inbox.end().isOk()).isTrue();
    ChatEvent left = carol.inbox.take();
    assertThat(left.getKind()).isEqualTo(Kind.LEFT);
    assertThat(left.getUser()).isEqualTo("dave");
    assertThat(left.getParticipantsList()).containsExactly("carol");
    carol.out.onCompleted();
  }

  @Test
  void aClientThatGoesAwayLeavesAndIsCountedAsCancelled() throws Exception {
    int cancelled = samples.live().chats().count(Phase.CANCELLED);
    Client erin = joined("gone", "erin");
    Client frank = joined("gone", "frank");
    erin.inbox.take();

    ((ClientCallStreamObserver<ChatMessage>) frank.out).cancel("test", null);

    ChatEvent left = erin.inbox.take();
    assertThat(left.getKind()).isEqualTo(Kind.LEFT);
    assertThat(left.getUser()).isEqualTo("frank");
    assertThat(samples.live().chats().await(Phase.CANCELLED, cancelled + 1, Inbox.WAIT)).isTrue();
    erin.out.onCompleted();
  }

  @Test
  void theFirstMessageMayAlreadySaySomething() throws Exception {
    Client gina = new Client();
    gina.out.onNext(ChatMessage.newBuilder().setRoom("eager").setUser("gina").setText("hello")
        .build());

    assertThat(gina.inbox.take().getKind()).isEqualTo(Kind.JOINED);
    ChatEvent message = gina.inbox.take();
    assertThat(message.getKind()).isEqualTo(Kind.MESSAGE);
    assertThat(message.getText()).isEqualTo("hello");
    gina.out.onCompleted();
  }

  @Test
  void aTakenNameIsRefusedInTheSameRoomOnly() throws Exception {
    Client first = join("names", "hal");
    first.inbox.take();

    Client second = join("names", "hal");
    Status refused = second.inbox.end();
    Client elsewhere = join("other-names", "hal");

    assertThat(refused.getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(refused.getDescription()).isEqualTo("user \"hal\" is already in room \"names\"");
    assertThat(elsewhere.inbox.take().getKind()).isEqualTo(Kind.JOINED);
    first.out.onCompleted();
    elsewhere.out.onCompleted();
  }

  @Test
  void aFirstMessageWithoutUserIsRefusedNamingTheField() throws Exception {
    Client nobody = join("lobby2", " ");

    Status refused = nobody.inbox.end();
    assertThat(refused.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refused.getDescription()).isEqualTo("message 1: user: must be 1 to 40 characters"
        + " without control characters, got \" \"");
  }

  @Test
  void aBadRoomIsRefused() throws Exception {
    Status refused = join("no spaces", "ivy").inbox.end();

    assertThat(refused.getDescription()).isEqualTo("message 1: room: must be 1 to 40 letters,"
        + " digits, '-' or '_', got \"no spaces\"");
  }

  @Test
  void anEmptyLaterMessageFailsTheCallAndLeaves() throws Exception {
    Client jo = joined("strict", "jo");
    Client kim = joined("strict", "kim");
    jo.inbox.take();

    kim.say("");

    Status refused = kim.inbox.end();
    assertThat(refused.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refused.getDescription()).isEqualTo("message 2: text: required");
    ChatEvent left = jo.inbox.take();
    assertThat(left.getKind()).isEqualTo(Kind.LEFT);
    assertThat(left.getUser()).isEqualTo("kim");
    jo.out.onCompleted();
  }

  @Test
  void aLaterMessageCannotChangeTheUser() throws Exception {
    Client lee = join("fixed", "lee");
    lee.inbox.take();

    lee.out.onNext(ChatMessage.newBuilder().setUser("someone-else").setText("x").build());

    assertThat(lee.inbox.end().getDescription())
        .isEqualTo("message 2: user: a chat stays with user \"lee\"");
  }

  @Test
  void anEmptyRoomIsGoneSoTheNameIsFreeAgain() throws Exception {
    Client mo = join("reopened", "mo");
    mo.inbox.take();
    mo.out.onCompleted();
    assertThat(mo.inbox.end().isOk()).isTrue();

    Client again = join("reopened", "mo");

    ChatEvent joined = again.inbox.take();
    assertThat(joined.getParticipantsList()).containsExactly("mo");
    assertThat(joined.getSequence()).as("a new room counts from 1").isEqualTo(1);
    again.out.onCompleted();
  }
}
