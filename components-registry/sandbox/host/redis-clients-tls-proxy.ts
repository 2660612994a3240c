/**
 * For the Redis and AMQP tests: a TLS front (a self-signed certificate for "localhost") on
 * 127.0.0.1 that forwards to a plain local server, recording the SNI name each client presented.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type TLSSocket } from "node:tls";

export interface TlsProxy {
  port: number;
  /** the CA to trust: the certificate itself */
  cert: string;
  /** SNI names of the connections accepted, in order ("" for none) */
  servernames: string[];
  close(): Promise<void>;
}

export function selfSignedLocalhost(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "junction-kv-tls-"));
  try {
    // prettier-ignore
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
      "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem"), "utf8"), cert: readFileSync(join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startTlsProxy(targetPort: number): Promise<TlsProxy> {
  const { key, cert } = selfSignedLocalhost();
  const servernames: string[] = [];
  const sockets = new Set<TLSSocket>();
  const server = createServer({ key, cert }, (socket) => {
    sockets.add(socket);
    // servername is set on accepted sockets (missing from the TLSSocket type)
    const sni = (socket as TLSSocket & { servername?: string | false }).servername;
    servernames.push(typeof sni === "string" ? sni : "");
    const upstream = connect(targetPort, "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    const done = () => {
      socket.destroy();
      upstream.destroy();
      sockets.delete(socket);
    };
    socket.on("error", done).on("close", done);
    upstream.on("error", done).on("close", done);
  });
  // handshakes the client gives up on are not the test's failures
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cert,
    servernames,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
