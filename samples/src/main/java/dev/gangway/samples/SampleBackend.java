package dev.gangway.samples;

import dev.gangway.samples.bookstore.BookstoreGrpc;
import dev.gangway.samples.catalog.CatalogGrpc;
import dev.gangway.samples.diagnostics.DiagnosticsGrpc;
import dev.gangway.samples.live.LiveGrpc;
import dev.gangway.samples.pricing.PricingGrpc;
import dev.gangway.samples.reviews.ReviewsGrpc;

/**
 * The sample backends: each is its own gRPC server serving one service, on its own port.
 *
 * <p>Immutable. The default ports are the ones samples/demo/gangway.yaml names.
 */
public enum SampleBackend {
  BOOKSTORE("bookstore", BookstoreGrpc.SERVICE_NAME, 50051),
  CATALOG("catalog", CatalogGrpc.SERVICE_NAME, 50052),
  PRICING("pricing", PricingGrpc.SERVICE_NAME, 50053),
  REVIEWS("reviews", ReviewsGrpc.SERVICE_NAME, 50054),
  DIAGNOSTICS("diagnostics", DiagnosticsGrpc.SERVICE_NAME, 50055),
  LIVE("live", LiveGrpc.SERVICE_NAME, 50056);

  private final String label;
  private final String serviceName;
  private final int demoPort;

  SampleBackend(String label, String serviceName, int demoPort) {
    this.label = label;
    this.serviceName = serviceName;
    this.demoPort = demoPort;
  }

  /** Lower-case name used in logs, flags and the demo config, e.g. {@code bookstore}. */
  public String label() {
    return label;
  }

  /** The full name of the gRPC service, e.g. {@code gangway.samples.bookstore.v1.Bookstore}. */
  public String serviceName() {
    return serviceName;
  }

  /** The port of the demo setup (SamplesMain and samples/demo/gangway.yaml). */
  public int demoPort() {
    return demoPort;
  }
}
