package dev.gangway.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A real Undertow on 127.0.0.1 with an ephemeral port serving one admin handler. */
final class AdminTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Undertow server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;

  AdminTestServer(AdminHandler handler) {
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setIoThreads(1)
        .setWorkerThreads(2)
        .setHandler(handler)
        .build();
    server.start();
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  int port() {
    return port;
  }

  /** A response with its body parsed as JSON. */
  record Reply(int status, HttpResponse<String> raw, JsonNode json) {}

  Reply get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery);
  }

  Reply send(String method, String pathAndQuery) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + port + pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response, JSON.readTree(response.body()));
  }

  @Override
  public void close() {
    server.stop();
  }
}
