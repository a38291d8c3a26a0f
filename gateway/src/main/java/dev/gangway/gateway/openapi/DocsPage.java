package dev.gangway.gateway.openapi;

import dev.gangway.gateway.config.OpenApiConfig;
import dev.gangway.gateway.routing.PublishedFile;
import dev.gangway.gateway.routing.PublishedSite;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The docs page ({@code openapi.docs_path}, default {@code /docs/}): Swagger UI on the published
 * JSON document, "try it" calls going to this gateway. Swagger UI's files come from its webjar on
 * the classpath (Maven Central's {@code org.webjars:swagger-ui}), never from a CDN; the page and
 * its initializer are generated with the snapshot, so they name the document's path and title.
 *
 * <p>Stateless; setup code.
 */
final class DocsPage {
  static final String HTML = "text/html; charset=utf-8";
  static final String JAVASCRIPT = "text/javascript; charset=utf-8";
  /** The webjar's files, versioned as the webjar names its directory. */
  static final String ASSETS = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";

  private DocsPage() {}

  /** The page at the prefix (and without its slash) and its initializer script. */
  static List<PublishedFile> files(OpenApiConfig config) {
    String prefix = config.docsPath();
    byte[] page = page(config.title(), prefix).getBytes(StandardCharsets.UTF_8);
    return List.of(
        PublishedFile.of(prefix, HTML, page),
        PublishedFile.of(prefix.substring(0, prefix.length() - 1), HTML, page),
        PublishedFile.of(prefix + "swagger-initializer.js", JAVASCRIPT,
            initializer(config.jsonPath()).getBytes(StandardCharsets.UTF_8)));
  }

  /** Swagger UI's own files under the prefix. */
  static PublishedSite assets(OpenApiConfig config) {
    return new PublishedSite(config.docsPath(),
        new ClassPathResourceManager(DocsPage.class.getClassLoader(), ASSETS));
  }

  /** Asset URLs are absolute, so the page works at the prefix with and without its slash. */
  static String page(String title, String prefix) {
    return String.join("\n",
        "<!DOCTYPE html>",
        "<html lang=\"en\">",
        "<head>",
        "<meta charset=\"UTF-8\">",
        "<title>" + escape(title) + "</title>",
        "<link rel=\"stylesheet\" href=\"" + prefix + "swagger-ui.css\">",
        "<link rel=\"icon\" type=\"image/png\" href=\"" + prefix + "favicon-32x32.png\">",
        "</head>",
        "<body>",
        "<div id=\"swagger-ui\"></div>",
        "<script src=\"" + prefix + "swagger-ui-bundle.js\" charset=\"UTF-8\"></script>",
        "<script src=\"" + prefix + "swagger-initializer.js\" charset=\"UTF-8\"></script>",
        "</body>",
        "</html>",
        "");
  }

  /**
   * The base layout, without the top bar's URL box: the page shows this gateway's document only
   * (Swagger UI ignores {@code ?url=} unless {@code queryConfigEnabled}, which stays off).
   */
  static String initializer(String jsonPath) {
    // jsonPath is checked at load: letters, digits and - _ . ~ between slashes, nothing to escape.
    return String.join("\n",
        "window.onload = function () {",
        "  window.ui = SwaggerUIBundle({",
        "    url: \"" + jsonPath + "\",",
        "    dom_id: \"#swagger-ui\",",
        "    deepLinking: true,",
        "    presets: [SwaggerUIBundle.presets.apis],",
        "    layout: \"BaseLayout\"",
        "  });",
        "};",
        "");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String webjarVersion() {
    String properties = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    try (InputStream in = DocsPage.class.getClassLoader().getResourceAsStream(properties)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(properties, e);
    }
  }
}
