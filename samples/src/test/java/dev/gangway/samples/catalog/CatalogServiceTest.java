package dev.gangway.samples.catalog;

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
class CatalogServiceTest {

  private RunningSamples samples;
  private ManagedChannel channel;
  private CatalogGrpc.CatalogBlockingStub catalog;

  @BeforeAll
  void start() throws Exception {
    samples = SampleServers.builder().backends(SampleBackend.CATALOG).start();
    channel = GrpcTesting.channel(samples, SampleBackend.CATALOG);
    catalog = CatalogGrpc.newBlockingStub(channel);
  }

  @AfterAll
  void stop() throws Exception {
    GrpcTesting.shutdown(channel);
    samples.close();
  }

  @Test
  void getsAProductWithItsSeller() {
    Product kettle = catalog.getProduct(GetProductRequest.newBuilder().setId("p-100").build());

    assertThat(kettle.getName()).isEqualTo("Stovetop Kettle");
    assertThat(kettle.getSellerId()).isEqualTo("s-1");
    assertThat(kettle.getCategory()).isEqualTo("kitchen");
    assertThat(kettle.getTagsList()).containsExactly("steel", "tea");
  }

  @Test
  void anUnknownProductIsNotFound() {
    StatusRuntimeException e = failure(Status.Code.NOT_FOUND,
        () -> catalog.getProduct(GetProductRequest.newBuilder().setId("p-999").build()));

    assertThat(e.getStatus().getDescription()).isEqualTo("product \"p-999\" not found");
    assertThat(detail(e, ResourceInfo.class).getResourceType())
        .isEqualTo("gangway.samples.catalog.v1.Product");
  }

  @Test
  void listsProductsInIdOrder() {
    ListProductsResponse all = catalog.listProducts(ListProductsRequest.getDefaultInstance());

    assertThat(all.getProductsList()).extracting(Product::getId)
        .containsExactly("p-100", "p-200", "p-300", "p-400");
    assertThat(all.getNextPageToken()).isEmpty();
  }

  @Test
  void listsOneCategoryPageByPage() {
    ListProductsResponse first = catalog.listProducts(ListProductsRequest.newBuilder()
        .setCategory("kitchen").setPageSize(1).build());
    ListProductsResponse second = catalog.listProducts(ListProductsRequest.newBuilder()
        .setCategory("kitchen").setPageSize(1).setPageToken(first.getNextPageToken()).build());

    assertThat(first.getProductsList()).extracting(Product::getId).containsExactly("p-100");
    assertThat(second.getProductsList()).extracting(Product::getId).containsExactly("p-300");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void anUnknownCategoryIsEmpty() {
    assertThat(catalog.listProducts(ListProductsRequest.newBuilder().setCategory("garden").build())
        .getProductsList()).isEmpty();
  }
}
