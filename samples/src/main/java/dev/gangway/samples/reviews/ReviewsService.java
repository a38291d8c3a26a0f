package dev.gangway.samples.reviews;

import dev.gangway.samples.support.Errors;
import dev.gangway.samples.support.Pages;
import dev.gangway.samples.support.ProtoTime;
import dev.gangway.samples.support.Unary;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gangway.samples.reviews.v1.Reviews} service over fixed reviews, sellers and users.
 *
 * <p>Immutable and thread-safe. A seller's average rating and review count, and a user's review
 * count, are computed from the reviews at construction. {@link #seeded()} gives the demo data:
 *
 * <pre>
 * sellers  s-1 "Acme Kitchenware", s-2 "Globex Home &amp; Office"
 * users    u-alice, u-bob, u-carol, u-dave (review authors), u-erin (no reviews)
 * reviews  p-100: r-3 u-carol, r-2 u-bob, r-1 u-alice (newest first; seller s-1)
 *          p-200: r-4 u-bob (s-2)   p-300: r-5 u-dave (s-1)   p-400: none
 * </pre>
 */
public final class ReviewsService extends ReviewsGrpc.ReviewsImplBase {

  private static final String SELLER_TYPE = Seller.getDescriptor().getFullName();
  private static final String USER_TYPE = User.getDescriptor().getFullName();

  /** Product id to its reviews, newest first. */
  private final Map<String, List<Review>> reviewsByProduct;
  private final Map<String, Seller> sellers;
  private final Map<String, User> users;

  /**
   * @param reviews every review, in any order
   * @param sellers every seller; average_rating and review_count are replaced by the reviews'
   * @param users every user; review_count is replaced by the number of reviews they wrote
   */
  public ReviewsService(List<Review> reviews, List<Seller> sellers, List<User> users) {
    Map<String, List<Review>> byProduct = new HashMap<>();
    for (Review review : reviews) {
      byProduct.computeIfAbsent(review.getProductId(), id -> new ArrayList<>()).add(review);
    }
    byProduct.replaceAll((id, list) -> {
      list.sort(Comparator.comparing(ReviewsService::pageKey));
      return List.copyOf(list);
    });
    this.reviewsByProduct = Map.copyOf(byProduct);
    Map<String, Seller> byId = new HashMap<>();
    for (Seller seller : sellers) {
      byId.put(seller.getId(), withRatings(seller, reviews));
    }
    this.sellers = Map.copyOf(byId);
    Map<String, User> usersById = new HashMap<>();
    for (User user : users) {
      usersById.put(user.getId(), withReviewCount(user, reviews));
    }
    this.users = Map.copyOf(usersById);
  }

  /** The demo reviews and sellers. */
  public static ReviewsService seeded() {
    return new ReviewsService(
        List.of(
            review("r-1", "p-100", "u-alice", "s-1", 5,
                "Boils in three minutes; you hear the whistle from the garden.", "2024-04-02"),
            review("r-2", "p-100", "u-bob", "s-1", 4, "Sturdy, but the handle gets warm.",
                "2024-04-10"),
            review("r-3", "p-100", "u-carol", "s-1", 2, "The lid sticks.", "2024-04-20"),
            review("r-4", "p-200", "u-bob", "s-2", 3, "Bright; the clamp is flimsy.", "2024-03-15"),
            review("r-5", "p-300", "u-dave", "s-1", 5, "Holds its edge.", "2024-02-01")),
        List.of(
            seller("s-1", "Acme Kitchenware", "2019-03-01"),
            seller("s-2", "Globex Home & Office", "2021-07-15")),
        List.of(
            user("u-alice", "Alice Archer", "2018-05-04"),
            user("u-bob", "Bob Baker", "2020-01-12"),
            user("u-carol", "Carol Cooper", "2021-09-30"),
            user("u-dave", "Dave Dyer", "2022-11-11"),
            user("u-erin", "Erin Elm", "2023-06-01")));
  }

  @Override
  public void listReviews(ListReviewsRequest request, StreamObserver<ListReviewsResponse> out) {
    Unary.respond(out, () -> {
      if (request.getProductId().isEmpty()) {
        throw Errors.invalidArgument("product_id", "must not be empty");
      }
      List<Review> reviews = reviewsByProduct.getOrDefault(request.getProductId(), List.of());
      Pages.Page<Review> page = Pages.page(reviews, ReviewsService::pageKey,
          request.getPageSize(), request.getPageToken(), request.getProductId());
      return ListReviewsResponse.newBuilder()
          .addAllReviews(page.items())
          .setNextPageToken(page.nextPageToken())
          .build();
    });
  }

  @Override
  public void getSeller(GetSellerRequest request, StreamObserver<Seller> out) {
    Unary.respond(out, () -> {
      if (request.getId().isEmpty()) {
        throw Errors.invalidArgument("id", "must not be empty");
      }
      Seller seller = sellers.get(request.getId());
      if (seller == null) {
        throw Errors.notFound(SELLER_TYPE, request.getId());
      }
      return seller;
    });
  }

  @Override
  public void getUser(GetUserRequest request, StreamObserver<User> out) {
    Unary.respond(out, () -> {
      if (request.getId().isEmpty()) {
        throw Errors.invalidArgument("id", "must not be empty");
      }
      User user = users.get(request.getId());
      if (user == null) {
        throw Errors.notFound(USER_TYPE, request.getId());
      }
      return user;
    });
  }

  /**
   * Orders reviews newest first, as ascending strings (what {@link Pages} needs): the inverted
   * create time, zero-padded, then the id to break ties.
   */
  private static String pageKey(Review review) {
    long inverted = Long.MAX_VALUE - review.getCreateTime().getSeconds();
    return String.format("%019d/%s", inverted, review.getId());
  }

  private static Seller withRatings(Seller seller, List<Review> reviews) {
    int count = 0;
    long sum = 0;
    for (Review review : reviews) {
      if (review.getSellerId().equals(seller.getId())) {
        count++;
        sum += review.getRating();
      }
    }
    return seller.toBuilder()
        .setReviewCount(count)
        .setAverageRating(count == 0 ? 0 : (double) sum / count)
        .build();
  }

  private static User withReviewCount(User user, List<Review> reviews) {
    int count = 0;
    for (Review review : reviews) {
      if (review.getAuthorId().equals(user.getId())) {
        count++;
      }
    }
    return user.toBuilder().setReviewCount(count).build();
  }

  private static Review review(String id, String productId, String authorId, String sellerId,
      int rating, String text, String date) {
    return Review.newBuilder()
        .setId(id)
        .setProductId(productId)
        .setAuthorId(authorId)
        .setSellerId(sellerId)
        .setRating(rating)
        .setText(text)
        .setCreateTime(ProtoTime.of(Instant.parse(date + "T09:00:00Z")))
        .build();
  }

  private static Seller seller(String id, String displayName, String joined) {
    return Seller.newBuilder()
        .setId(id)
        .setDisplayName(displayName)
        .setJoinTime(ProtoTime.of(Instant.parse(joined + "T00:00:00Z")))
        .build();
  }

  private static User user(String id, String displayName, String joined) {
    return User.newBuilder()
        .setId(id)
        .setDisplayName(displayName)
        .setJoinTime(ProtoTime.of(Instant.parse(joined + "T00:00:00Z")))
        .build();
  }
}
