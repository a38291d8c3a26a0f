# syntax=docker/dockerfile:1
# Gangway: build with Maven, run on a JRE as a numeric non-root user (10001), so that Kubernetes'
# runAsNonRoot can verify it without a passwd lookup.
#   docker build -t gangway .
#   docker build --build-arg RUNTIME_IMAGE=registry.example.com/temurin:17-jre -t gangway .
#   docker run -p 8080:8080 -v $PWD/descriptors:/app/descriptors:ro \
#     -v $PWD/gangway.yaml:/etc/gangway/gangway.yaml:ro gangway
# Base images are build arguments, so a mirror or a pinned digest needs no edit here.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache mount: dependencies are downloaded once per builder and a
# failed download fails the build (no go-offline step whose errors would have to be ignored).
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl gateway -am package -DskipTests

FROM ${RUNTIME_IMAGE}
# curl only for the HEALTHCHECK.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 gangway \
 && useradd --system --uid 10001 --gid gangway --home-dir /app \
      --shell /usr/sbin/nologin gangway \
 && mkdir -p /app/descriptors /etc/gangway \
 && chown -R 10001:10001 /app
WORKDIR /app
COPY --from=build /src/gateway/target/gangway.jar /app/gangway.jar
COPY deploy/gangway.yaml /etc/gangway/gangway.yaml
# Numeric, not the name: the kubelet refuses runAsNonRoot for a user it cannot prove is not 0.
USER 10001:10001
# Descriptor sets and the config are meant to be mounted; both are watched and reloaded.
VOLUME ["/app/descriptors"]
# The default config (deploy/gangway.yaml) reads these; the HEALTHCHECK uses the same admin port.
ENV GANGWAY_PORT=8080 \
    GANGWAY_ADMIN_PORT=9090
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${GANGWAY_ADMIN_PORT}/healthz" || exit 1
# The heap follows the container's memory limit. No -XX:+ExitOnOutOfMemoryError: a reload that
# runs out of memory building its snapshot must fail and keep the serving one (HeapBudget,
# BuildFailure), which the flag would turn into a crash; a start that runs out of memory already
# exits 3 with one line.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/gangway.jar"]
CMD ["--config", "/etc/gangway/gangway.yaml"]
