package dev.gangway.gateway.routing;

import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceManager;
import java.io.IOException;

/**
 * A resource manager that hides directories without an {@value StaticSites#INDEX}, so that
 * Undertow's ResourceHandler answers them as missing (the gateway's 404) rather than with its own
 * bodiless 403.
 *
 * <p>Thread-safe when the delegate is.
 */
final class IndexOnlyResources implements ResourceManager {
  private final ResourceManager delegate;

  IndexOnlyResources(ResourceManager delegate) {
    this.delegate = delegate;
  }

  @Override
  public Resource getResource(String path) throws IOException {
    Resource resource = delegate.getResource(path);
    if (resource == null || !resource.isDirectory()) {
      return resource;
    }
    String index = (path.endsWith("/") ? path : path + "/") + StaticSites.INDEX;
    Resource indexFile = delegate.getResource(index);
    return indexFile != null && !indexFile.isDirectory() ? resource : null;
  }

  @Override
  public boolean isResourceChangeListenerSupported() {
    return false;
  }

  @Override
  public void registerResourceChangeListener(ResourceChangeListener listener) {
    throw new UnsupportedOperationException("no change listeners");
  }

  @Override
  public void removeResourceChangeListener(ResourceChangeListener listener) {
    throw new UnsupportedOperationException("no change listeners");
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
