package dev.gangway.gateway.backend;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * grpc-java name resolver for {@code static:///host1:port1,host2:port2}: a fixed list of
 * addresses, each its own subchannel, so grpc-java's {@code round_robin} spreads calls over them.
 *
 * <p>Stateless and thread-safe. Registered through {@code META-INF/services/io.grpc.NameResolverProvider}
 * (the shaded jar merges service files), so any channel built with {@code Grpc.newChannelBuilder}
 * understands the scheme.
 */
public final class StaticNameResolverProvider extends NameResolverProvider {

  @Override
  public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    if (!StaticTarget.SCHEME.equals(targetUri.getScheme())) {
      return null;
    }
    return new StaticNameResolver(StaticTarget.parse(targetUri), args);
  }

  @Override
  public String getDefaultScheme() {
    return StaticTarget.SCHEME;
  }

  @Override
  public String getScheme() {
    return StaticTarget.SCHEME;
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  /** Below grpc-java's own providers (5), though no other provider claims this scheme. */
  @Override
  protected int priority() {
    return 4;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }
}
