package dev.gangway.samples.reviews;

import static dev.gangway.samples.GrpcTesting.detail;
import static dev.gangway.samples.GrpcTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ResourceInfo;
import dev.gangway.samples.GrpcTesting;
import dev.gangway.samples.RunningSamples;
import dev.gangway.samples.SampleBackend;
import dev.gangway.samples.SampleServers;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewsServiceTest {

  private RunningSamples samples;
  private ManagedChannel channel;
  private ReviewsGrpc.ReviewsBlockingStub reviews;

  @BeforeAll
  void start() throws Exception {
    samples = SampleServers.builder().backends(SampleBackend.REVIEWS).start();
    channel = GrpcTesting.channel(samples, SampleBackend.REVIEWS);
    reviews = ReviewsGrpc.newBlockingStub(channel);
  }

  @AfterAll
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  @Test
  void listsAProductsReviewsNewestFirst() {
    ListReviewsResponse response =
        reviews.listReviews(ListReviewsRequest.newBuilder().setProductId("p-100").build());

    assertThat(response.getReviewsList()).extracting(Review::getId)
        .containsExactly("r-3", "r-2", "r-1");
    assertThat(response.getReviews(0).getSellerId()).isEqualTo("s-1");
    assertThat(response.getReviews(0).getAuthorId()).isEqualTo("u-carol");
    assertThat(response.getReviews(0).getRating()).isEqualTo(2);
  }

  @Test
  void pagesThroughReviews() {
    ListReviewsResponse first = reviews.listReviews(
        ListReviewsRequest.newBuilder().setProductId("p-100").setPageSize(2).build());
    ListReviewsResponse second = reviews.listReviews(ListReviewsRequest.newBuilder()
        .setProductId("p-100").setPageSize(2).setPageToken(first.getNextPageToken()).build());

    assertThat(first.getReviewsList()).extracting(Review::getId).containsExactly("r-3", "r-2");
    assertThat(second.getReviewsList()).extracting(Review::getId).containsExactly("r-1");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void aProductWithoutReviewsHasAnEmptyList() {
    assertThat(reviews.listReviews(ListReviewsRequest.newBuilder().setProductId("p-400").build())
        .getReviewsList()).isEmpty();
  }

  @Test
  void getsASellerWithRatingsFromItsReviews() {
    Seller acme = reviews.getSeller(GetSellerRequest.newBuilder().setId("s-1").build());

    assertThat(acme.getDisplayName()).isEqualTo("Acme Kitchenware");
    assertThat(acme.getReviewCount()).isEqualTo(4);
    assertThat(acme.getAverageRating()).isEqualTo(4.0);
  }

  @Test
  void getsAReviewAuthorWithTheirReviewCount() {
    User bob = reviews.getUser(GetUserRequest.newBuilder().setId("u-bob").build());

    assertThat(bob.getDisplayName()).isEqualTo("Bob Baker");
    assertThat(bob.getReviewCount()).isEqualTo(2);
    assertThat(bob.hasJoinTime()).isTrue();
  }

  @Test
  void everyReviewAuthorIsAUser() {
    for (String product : new String[] {"p-100", "p-200", "p-300"}) {
      for (Review review : reviews.listReviews(
          ListReviewsRequest.newBuilder().setProductId(product).build()).getReviewsList()) {
        assertThat(reviews.getUser(GetUserRequest.newBuilder().setId(review.getAuthorId())
            .build()).getReviewCount()).as(review.getAuthorId()).isPositive();
      }
    }
  }

  @Test
  void aUserWithoutReviewsHasACountOfZero() {
    assertThat(reviews.getUser(GetUserRequest.newBuilder().setId("u-erin").build())
        .getReviewCount()).isZero();
  }

  @Test
  void anUnknownUserIsNotFound() {
    StatusRuntimeException e = failure(Status.Code.NOT_FOUND,
        () -> reviews.getUser(GetUserRequest.newBuilder().setId("u-zed").build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("user \"u-zed\" not found");
    assertThat(detail(e, ResourceInfo.class).getResourceType())
        .isEqualTo("gangway.samples.reviews.v1.User");
  }

  @Test
  void anEmptyUserIdIsInvalid() {
    StatusRuntimeException e = failure(Status.Code.INVALID_ARGUMENT,
        () -> reviews.getUser(GetUserRequest.getDefaultInstance()));

    assertThat(e.getStatus().getDescription()).isEqualTo("id: must not be empty");
  }

  @Test
  void anUnknownSellerIsNotFound() {
    StatusRuntimeException e = failure(Status.Code.NOT_FOUND,
        () -> reviews.getSeller(GetSellerRequest.newBuilder().setId("s-9").build()));

    assertThat(detail(e, ResourceInfo.class).getResourceName()).isEqualTo("s-9");
  }
}
