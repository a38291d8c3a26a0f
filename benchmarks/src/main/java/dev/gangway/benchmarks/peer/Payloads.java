package dev.gangway.benchmarks.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.gangway.benchmarks.peer.proto.Address;
import dev.gangway.benchmarks.peer.proto.LineItem;
import dev.gangway.benchmarks.peer.proto.Money;
import dev.gangway.benchmarks.peer.proto.Order;
import dev.gangway.benchmarks.peer.proto.User;
import java.nio.charset.StandardCharsets;

/**
 * The peer benchmark's two payloads, the same for every target: the user that
 * {@code GET /v1/users/42} answers (about 324 bytes of JSON) and the order of 50 line items that
 * {@code POST /v1/orders} sends and gets back (about 8.9 KB of JSON).
 *
 * <p>Stateless and thread-safe; every message is built deterministically.
 */
final class Payloads {
  static final long USER_ID = 42;
  static final int LINE_ITEMS = 50;

  private static final String[] TAGS = {"kitchen", "outdoor", "gift", "sale", "eco", "new"};

  private Payloads() {}

  /** The user the backend answers for {@code id}. */
  static User user(long id) {
    return User.newBuilder()
        .setId(id)
        .setName("users/" + id)
        .setDisplayName("Ada Lovelace")
        .setEmail("ada.lovelace@example.com")
        .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(123_000_000))
        .addRoles("reader")
        .addRoles("editor")
        .addRoles("billing-admin")
        .setAddress(Address.newBuilder()
            .setStreet("12 St James Square")
            .setCity("London")
            .setPostalCode("SW1Y 4JH")
            .setCountry("GB"))
        .setVerified(true)
        .setLoginCount(842)
        .setLocale("en-GB")
        .build();
  }

  /** The order of {@link #LINE_ITEMS} line items. */
  static Order order() {
    Order.Builder order = Order.newBuilder()
        .setOrderId("orders/2026-12-07-000042")
        .setCustomer("users/42")
        .setCreateTime(Timestamp.newBuilder().setSeconds(1_765_000_000L).setNanos(500_000_000))
        .setNote("Leave at the door; ring twice.");
    long cents = 0;
    for (int i = 0; i < LINE_ITEMS; i++) {
      int quantity = 1 + i % 4;
      long units = 3 + (i * 7L) % 90;
      int nanos = (i % 10) * 100_000_000 + 90_000_000;
      cents += quantity * (units * 100 + nanos / 10_000_000);
      order.addItems(LineItem.newBuilder()
          .setSku(String.format("SKU-%06d-%s", 1000 + i * 37, i % 2 == 0 ? "BLU" : "GRN"))
          .setTitle("Water bottle, 750 ml, model " + (100 + i))
          .setQuantity(quantity)
          .setUnitPrice(Money.newBuilder().setCurrencyCode("EUR").setUnits(units).setNanos(nanos))
          .addTags(TAGS[i % TAGS.length])
          .addTags(TAGS[(i + 2) % TAGS.length])
          .setGiftWrap(i % 5 == 0));
    }
    order.setTotal(Money.newBuilder().setCurrencyCode("EUR").setUnits(cents / 100)
        .setNanos((int) (cents % 100) * 10_000_000));
    return order.build();
  }

  /** Compact proto3 JSON, as a client would send it and as the canned answers are. */
  static byte[] json(com.google.protobuf.MessageOrBuilder message) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(message)
          .getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) {
    System.out.println(new String(json(user(USER_ID)), StandardCharsets.UTF_8));
    System.out.println(json(user(USER_ID)).length + " bytes (user), "
        + json(order()).length + " bytes (order)");
  }
}
