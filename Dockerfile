# syntax=docker/dockerfile:1
# Gangway: build with Maven, run on a JRE as a non-root user.
#   docker build -t gangway .
#   docker run -p 8080:8080 -v $PWD/descriptors:/app/descriptors:ro \
#     -v $PWD/gangway.yaml:/etc/gangway/gangway.yaml:ro gangway

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so source edits reuse the cached layer.
COPY pom.xml .
COPY transcoder/pom.xml transcoder/
COPY gateway/pom.xml gateway/
COPY samples/pom.xml samples/
COPY benchmarks/pom.xml benchmarks/
RUN mvn -B -q -pl gateway -am dependency:go-offline -DskipTests || true
COPY . .
RUN mvn -B -q -pl gateway -am package -DskipTests

FROM eclipse-temurin:17-jre
# curl only for the HEALTHCHECK.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system gangway \
 && useradd --system --gid gangway --home-dir /app --shell /usr/sbin/nologin gangway \
 && mkdir -p /app/descriptors /etc/gangway \
 && chown -R gangway:gangway /app
WORKDIR /app
COPY --from=build /src/gateway/target/gangway.jar /app/gangway.jar
COPY deploy/gangway.yaml /etc/gangway/gangway.yaml
USER gangway
# Descriptor sets and the config are meant to be mounted; both are watched and reloaded.
VOLUME ["/app/descriptors"]
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9090/healthz || exit 1
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/gangway.jar"]
CMD ["--config", "/etc/gangway/gangway.yaml"]
