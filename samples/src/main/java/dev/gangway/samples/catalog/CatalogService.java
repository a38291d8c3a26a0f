package dev.gangway.samples.catalog;

import dev.gangway.samples.support.Errors;
import dev.gangway.samples.support.Pages;
import dev.gangway.samples.support.Unary;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code gangway.samples.catalog.v1.Catalog} service over a fixed product list.
 *
 * <p>Immutable and thread-safe. {@link #seeded()} gives the demo products:
 *
 * <pre>
 * p-100  Stovetop Kettle   kitchen  seller s-1
 * p-200  Desk Lamp         home     seller s-2
 * p-300  Chef's Knife      kitchen  seller s-1
 * p-400  A5 Notebook       office   seller s-2   (Pricing has no price for it)
 * </pre>
 */
public final class CatalogService extends CatalogGrpc.CatalogImplBase {

  private static final String PRODUCT_TYPE = Product.getDescriptor().getFullName();

  private final Map<String, Product> products;

  /** A catalog of the given products, listed in id order. */
  public CatalogService(List<Product> products) {
    TreeMap<String, Product> byId = new TreeMap<>();
    for (Product product : products) {
      byId.put(product.getId(), product);
    }
    this.products = Collections.unmodifiableMap(byId);
  }

  /** The demo catalog. */
  public static CatalogService seeded() {
    return new CatalogService(List.of(
        product("p-100", "Stovetop Kettle", "A 1.7 l stainless steel kettle that whistles.",
            "s-1", "kitchen", "steel", "tea"),
        product("p-200", "Desk Lamp", "An adjustable LED lamp with warm and cold light.",
            "s-2", "home", "led", "office"),
        product("p-300", "Chef's Knife", "A 20 cm forged chef's knife.",
            "s-1", "kitchen", "steel"),
        product("p-400", "A5 Notebook", "A dotted notebook, 120 pages.",
            "s-2", "office", "paper")));
  }

  @Override
  public void getProduct(GetProductRequest request, StreamObserver<Product> out) {
    Unary.respond(out, () -> {
      if (request.getId().isEmpty()) {
        throw Errors.invalidArgument("id", "must not be empty");
      }
      Product product = products.get(request.getId());
      if (product == null) {
        throw Errors.notFound(PRODUCT_TYPE, request.getId());
      }
      return product;
    });
  }

  @Override
  public void listProducts(ListProductsRequest request, StreamObserver<ListProductsResponse> out) {
    Unary.respond(out, () -> {
      List<Product> matching = new ArrayList<>();
      for (Product product : products.values()) {
        if (request.getCategory().isEmpty() || request.getCategory().equals(product.getCategory())) {
          matching.add(product);
        }
      }
      Pages.Page<Product> page = Pages.page(matching, Product::getId,
          request.getPageSize(), request.getPageToken(), request.getCategory());
      return ListProductsResponse.newBuilder()
          .addAllProducts(page.items())
          .setNextPageToken(page.nextPageToken())
          .build();
    });
  }

  private static Product product(String id, String name, String description, String sellerId,
      String category, String... tags) {
    return Product.newBuilder()
        .setId(id)
        .setName(name)
        .setDescription(description)
        .setSellerId(sellerId)
        .setCategory(category)
        .addAllTags(List.of(tags))
        .build();
  }
}
