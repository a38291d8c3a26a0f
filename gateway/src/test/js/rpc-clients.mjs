// Drives real gRPC-Web and Connect clients from npm against a running gateway; prints one JSON
// line per case ({"case": ..., ...}); GatewayRpcClientsIT asserts on them.
// Usage: node rpc-clients.mjs <gateway base URL> <descriptor set (FileDescriptorSet, with imports)>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createClient, ConnectError } from "@connectrpc/connect";
import * as connectNode from "@connectrpc/connect-node";
import * as connectWeb from "@connectrpc/connect-web";
import { createFileRegistry, fromBinary, toBinary, create } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

const [baseUrl, descriptorPath] = process.argv.slice(2);
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(descriptorPath)));
const service = registry.getService("gangway.gwtest.v1.EchoService");
const schema = (name) => registry.getMessage("gangway.gwtest.v1." + name);

function report(name, result) {
  console.log(JSON.stringify({ case: name, ...result }));
}

function failure(e) {
  if (e instanceof ConnectError) {
    return { error: { code: e.code, message: e.rawMessage, details: e.details.map((d) => d.type ?? d.desc?.typeName) } };
  }
  return { error: { code: -1, message: String(e && e.stack || e) } };
}

async function run(name, body) {
  try {
    report(name, await body());
  } catch (e) {
    report(name, failure(e));
  }
}

/** The same cases over one Connect-family transport (Connect or gRPC-Web, Node or fetch). */
async function connectCases(prefix, transport) {
  const client = createClient(service, transport);
  await run(prefix + "/unary", async () => ({ text: (await client.echo({ text: prefix })).text }));
  await run(prefix + "/error", () => client.fail({ code: 5, message: "no such shelf", field: "name" }));
  await run(prefix + "/stream", async () => {
    const texts = [];
    for await (const m of client.count({ n: 3 })) texts.push(m.text);
    return { texts };
  });
  await run(prefix + "/streamError", async () => {
    const texts = [];
    try {
      for await (const m of client.count({ n: 3, failCode: 10, failAfter: 2 })) texts.push(m.text);
    } catch (e) {
      return { texts, ...failure(e) };
    }
    return { texts };
  });
  await run(prefix + "/deadline", () =>
    client.slow({ delayMs: 10000n, tag: prefix }, { timeoutMs: 300 }));
  await run(prefix + "/metadata", async () => {
    let header = null;
    let trailer = null;
    const response = await client.headers({ echo: "m" }, {
      headers: { "x-custom": "sent" },
      onHeader: (h) => { header = h.get("x-echo-header"); },
      onTrailer: (t) => { trailer = t.get("x-echo-trailer"); },
    });
    return { header, trailer, server: response.server };
  });
}

const node11 = { baseUrl, httpVersion: "1.1" };
await connectCases("connect-node/proto", connectNode.createConnectTransport({ ...node11, useBinaryFormat: true }));
await connectCases("connect-node/json", connectNode.createConnectTransport({ ...node11, useBinaryFormat: false }));
await connectCases("connect-node/grpc-web", connectNode.createGrpcWebTransport({ ...node11, useBinaryFormat: true }));
await connectCases("connect-web/json", connectWeb.createConnectTransport({ baseUrl }));
await connectCases("connect-web/grpc-web", connectWeb.createGrpcWebTransport({ baseUrl }));

// The grpc-web package (the official gRPC-Web client), on XMLHttpRequest from xhr2.
const require = createRequire(import.meta.url);
globalThis.XMLHttpRequest = require("xhr2");
const grpcWeb = require("grpc-web");

function grpcWebMethod(name, type, input, output) {
  return new grpcWeb.MethodDescriptor(
    "/gangway.gwtest.v1.EchoService/" + name, type, Object, Object,
    (request) => toBinary(schema(input), create(schema(input), request)),
    (bytes) => fromBinary(schema(output), bytes));
}

const echoMethod = grpcWebMethod("Echo", grpcWeb.MethodType.UNARY, "EchoRequest", "EchoResponse");
const failMethod = grpcWebMethod("Fail", grpcWeb.MethodType.UNARY, "FailRequest", "EchoResponse");
const countMethod = grpcWebMethod("Count", grpcWeb.MethodType.SERVER_STREAMING, "CountRequest", "EchoResponse");

for (const format of ["text", "binary"]) {
  const client = new grpcWeb.GrpcWebClientBase({ format });
  const prefix = "grpc-web/" + format;
  await run(prefix + "/unary", () => new Promise((resolve) => {
    client.rpcCall(baseUrl + "/gangway.gwtest.v1.EchoService/Echo", { text: prefix }, {}, echoMethod,
      (err, response) => resolve(err ? { error: { code: err.code, message: err.message } } : { text: response.text }));
  }));
  await run(prefix + "/error", () => new Promise((resolve) => {
    client.rpcCall(baseUrl + "/gangway.gwtest.v1.EchoService/Fail", { code: 9, message: "not now", field: "x" }, {}, failMethod,
      (err, response) => resolve(err ? { error: { code: err.code, message: err.message } } : { text: response.text }));
  }));
  if (format === "text") {
    // Server streaming needs the text format in grpc-web (binary is unary only).
    await run(prefix + "/stream", () => new Promise((resolve) => {
      const texts = [];
      const stream = client.serverStreaming(baseUrl + "/gangway.gwtest.v1.EchoService/Count", { n: 3 }, {}, countMethod);
      stream.on("data", (m) => texts.push(m.text));
      stream.on("error", (err) => resolve({ texts, error: { code: err.code, message: err.message } }));
      stream.on("end", () => resolve({ texts }));
    }));
  }
}
